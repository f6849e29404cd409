// HTML main-text extraction. The tree walk is iterative (an explicit stack) because hostile or
// broken pages can nest elements tens of thousands deep, which would overflow a recursive walk.
#include "io/html.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "io/files.h"

namespace newsgraph::io {
namespace {

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

// 2: paragraph break, 1: line break, 0: inline.
int BreakOf(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_BR:
      return 1;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_BODY:
      return 2;
    default:
      return 0;
  }
}

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Accumulates text with HTML whitespace collapsing and pending breaks.
class TextSink {
 public:
  void Text(std::string_view s) {
    for (char c : s) {
      if (IsHtmlSpace(c)) {
        space_ = true;
        continue;
      }
      if (!out_.empty()) {
        if (breaks_ > 0) {
          out_.append(breaks_ == 2 ? "\n\n" : "\n");
        } else if (space_) {
          out_.push_back(' ');
        }
      }
      breaks_ = 0;
      space_ = false;
      out_.push_back(c);
    }
  }
  void Break(int n) {
    breaks_ = std::max(breaks_, n);
    space_ = false;
  }
  void Space() { space_ = true; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  bool space_ = false;
  int breaks_ = 0;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return (x | 0x20) == (y | 0x20); });
}

// Offsets of every "</form" in the page, found once on first use.
class FormEnds {
 public:
  explicit FormEnds(std::string_view html) : html_(html) {}
  // Offset of the first "</form" after `start` (the end of the page if none).
  unsigned After(unsigned start) {
    if (!scanned_) {
      scanned_ = true;
      for (std::size_t i = html_.find("</"); i != std::string_view::npos; i = html_.find("</", i + 2)) {
        if (i + 6 <= html_.size() && EqualsIgnoreCase(html_.substr(i + 2, 4), "form")) {
          ends_.push_back(static_cast<unsigned>(i));
        }
      }
    }
    const auto it = std::upper_bound(ends_.begin(), ends_.end(), start);
    return it == ends_.end() ? static_cast<unsigned>(html_.size()) : *it;
  }

 private:
  std::string_view html_;
  bool scanned_ = false;
  std::vector<unsigned> ends_;
};

std::string ExtractText(std::string_view html, const GumboNode* root) {
  TextSink sink;
  FormEnds form_ends(html);
  struct Frame {
    const GumboNode* node;
    bool exit;
  };
  std::vector<Frame> stack{{root, false}};
  // gumbo 0.10 sometimes makes the content of a <form> its following siblings instead of its
  // children; source positions up to a skipped element's explicit end tag are skipped as well.
  unsigned skip_until = 0;
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    const GumboNode* n = f.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      if (n->v.text.start_pos.offset >= skip_until) sink.Text(n->v.text.text);
      continue;
    }
    if (n->type == GUMBO_NODE_WHITESPACE) {
      sink.Space();
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) continue;
    const GumboTag tag = n->type == GUMBO_NODE_ELEMENT ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
    const int brk = BreakOf(tag);
    if (f.exit) {
      if (brk == 2) sink.Break(2);
      if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) sink.Space();
      continue;
    }
    if (n->type == GUMBO_NODE_ELEMENT && IsSkipped(tag)) {
      const GumboElement& e = n->v.element;
      if (e.original_end_tag.length > 0 && e.end_pos.offset > e.start_pos.offset) {
        skip_until = std::max(skip_until, e.end_pos.offset);
      } else if (tag == GUMBO_TAG_FORM) {
        skip_until = std::max(skip_until, form_ends.After(e.start_pos.offset));
      }
      continue;
    }
    if (brk > 0) sink.Break(brk);
    const GumboVector& children =
        n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    stack.push_back({n, true});
    for (unsigned i = children.length; i-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(children.data[i]), false});
    }
  }
  return sink.Take();
}

std::string_view Attribute(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

std::string Collapse(std::string_view s) {
  TextSink sink;
  sink.Text(s);
  return sink.Take();
}

struct PageParts {
  std::vector<const GumboNode*> articles;
  const GumboNode* main = nullptr;
  const GumboNode* body = nullptr;
  std::string title, og_title, date, ld_date, url, canonical, site;
};

// The date of the first "datePublished" in a JSON-LD block, or "". A string scan suffices: the
// value is a JSON string whose first ten characters are the date.
std::string LdJsonDate(std::string_view json) {
  constexpr std::string_view kKey = "\"datePublished\"";
  const std::size_t key = json.find(kKey);
  if (key == std::string_view::npos) return {};
  std::size_t i = key + kKey.size();
  while (i < json.size() && (IsHtmlSpace(json[i]) || json[i] == ':')) ++i;
  if (i >= json.size() || json[i] != '"') return {};
  const std::string_view value = json.substr(i + 1);
  if (value.size() < 10 || !IsIsoDate(value.substr(0, 10))) return {};
  return std::string(value.substr(0, 10));
}

void CollectParts(const GumboNode* root, PageParts& parts) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    const GumboVector* children = nullptr;
    if (n->type == GUMBO_NODE_DOCUMENT) {
      children = &n->v.document.children;
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      children = &n->v.element.children;
      switch (n->v.element.tag) {
        case GUMBO_TAG_ARTICLE:
          parts.articles.push_back(n);
          break;
        case GUMBO_TAG_MAIN:
          if (parts.main == nullptr) parts.main = n;
          break;
        case GUMBO_TAG_BODY:
          if (parts.body == nullptr) parts.body = n;
          break;
        case GUMBO_TAG_TITLE:
          if (parts.title.empty() && n->v.element.children.length > 0) {
            const auto* t = static_cast<const GumboNode*>(n->v.element.children.data[0]);
            if (t->type == GUMBO_NODE_TEXT) parts.title = Collapse(t->v.text.text);
          }
          break;
        case GUMBO_TAG_META: {
          std::string_view key = Attribute(n, "property");
          if (key.empty()) key = Attribute(n, "name");
          if (key.empty()) key = Attribute(n, "itemprop");
          const std::string_view content = Attribute(n, "content");
          if (content.empty()) break;
          if (EqualsIgnoreCase(key, "article:published_time") || EqualsIgnoreCase(key, "pubdate") ||
              EqualsIgnoreCase(key, "date") || EqualsIgnoreCase(key, "publish-date") ||
              EqualsIgnoreCase(key, "datePublished")) {
            if (parts.date.empty() && content.size() >= 10 && IsIsoDate(content.substr(0, 10))) {
              parts.date = std::string(content.substr(0, 10));
            }
          } else if (EqualsIgnoreCase(key, "og:url")) {
            parts.url = std::string(content);
          } else if (EqualsIgnoreCase(key, "og:site_name")) {
            parts.site = Collapse(content);
          } else if (EqualsIgnoreCase(key, "og:title")) {
            parts.og_title = Collapse(content);
          }
          break;
        }
        case GUMBO_TAG_SCRIPT:
          // schema.org metadata: <script type="application/ld+json">{"datePublished": "..."}
          if (parts.ld_date.empty() && EqualsIgnoreCase(Attribute(n, "type"), "application/ld+json") &&
              n->v.element.children.length > 0) {
            const auto* t = static_cast<const GumboNode*>(n->v.element.children.data[0]);
            if (t->type == GUMBO_NODE_TEXT) parts.ld_date = LdJsonDate(t->v.text.text);
          }
          break;
        case GUMBO_TAG_LINK:
          if (EqualsIgnoreCase(Attribute(n, "rel"), "canonical"))
            parts.canonical = std::string(Attribute(n, "href"));
          break;
        default:
          break;
      }
    }
    if (children == nullptr) continue;
    for (unsigned i = children->length; i-- > 0;)
      stack.push_back(static_cast<const GumboNode*>(children->data[i]));
  }
}

}  // namespace

Status ExtractHtml(std::string_view html, Doc& doc) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  if (output == nullptr) {
    return Status(ErrorCode::kMalformedHtml, "document '" + doc.id + "': HTML could not be parsed");
  }
  PageParts parts;
  CollectParts(output->document, parts);
  std::string text;
  for (const GumboNode* article : parts.articles) {
    std::string candidate = ExtractText(html, article);
    if (candidate.size() > text.size()) text = std::move(candidate);
  }
  if (text.size() < 200) {
    const GumboNode* fallback = parts.main != nullptr ? parts.main : parts.body;
    if (fallback == nullptr) fallback = output->document;
    std::string candidate = ExtractText(html, fallback);
    if (candidate.size() > text.size()) text = std::move(candidate);
  }
  gumbo_destroy_output(&options, output);
  if (text.empty()) {
    return Status(ErrorCode::kMalformedHtml, "document '" + doc.id + "': no extractable text in the HTML");
  }
  doc.ResetText(std::move(text));
  doc.title = !parts.title.empty() ? std::move(parts.title) : std::move(parts.og_title);
  if (!parts.date.empty()) {
    doc.date = std::move(parts.date);
  } else if (!parts.ld_date.empty()) {
    doc.date = std::move(parts.ld_date);
  }
  doc.url = !parts.url.empty() ? std::move(parts.url) : std::move(parts.canonical);
  if (!parts.site.empty()) doc.source = std::move(parts.site);
  return Status::Ok();
}

}  // namespace newsgraph::io
