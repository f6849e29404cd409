// Main-text extraction from an HTML news page (libgumbo).
//
// Rules: the text comes from the longest <article> when the page has one, else <main>, else
// <body>; script, style, noscript, template, nav, header, footer, aside, form, button, select,
// iframe, svg and figure captions of navigation are skipped; block elements (p, div, h1-h6, li,
// blockquote, table rows, ...) become paragraph breaks ("\n\n"), <br> a line break, and runs of
// HTML whitespace one space. <title> (or og:title) -> Doc::title; the publication date comes
// from <meta property="article:published_time"> (also name="pubdate"/"date"/"publish-date",
// itemprop="datePublished"), else from a JSON-LD "datePublished", when it starts with a valid
// YYYY-MM-DD; og:url or
// <link rel="canonical"> -> Doc::url; og:site_name -> Doc::source.
//
// Thread safety: pure function.
#pragma once

#include <string_view>

#include "newsgraph/doc.h"
#include "newsgraph/status.h"

namespace newsgraph::io {

// Fills doc.text, doc.title, doc.url, doc.source and (when found) doc.date from `html`, which
// must be valid UTF-8. E109 when the page has no extractable text.
Status ExtractHtml(std::string_view html, Doc& doc);

}  // namespace newsgraph::io
