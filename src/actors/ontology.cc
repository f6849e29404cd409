#include "actors/ontology.h"

#include <cstdlib>

#include "actors/tsv.h"

namespace newsgraph::actors {
namespace {

bool IsCameoCode(std::string_view s) {
  if (s.size() < 2 || s.size() > 4) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<std::string> SplitList(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t p = s.find(sep, start);
    std::string_view item = s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

}  // namespace

Result<Ontology> Ontology::FromSources(const std::string& sources_dir) {
  Ontology o;
  const std::string dir = sources_dir + "/ontology/";
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "cameo.tsv", 4, 4, [&](const TsvLine& l) -> Status {
    CameoCode c;
    if (!IsCameoCode(l.fields[0])) return l.Error("bad CAMEO code '" + std::string(l.fields[0]) + "'");
    c.code = l.fields[0];
    c.name = l.fields[1];
    char* end = nullptr;
    const std::string quad(l.fields[2]);
    const std::string gold(l.fields[3]);
    c.quad = static_cast<int>(std::strtol(quad.c_str(), &end, 10));
    if (*end != 0 || c.quad < 1 || c.quad > 4) return l.Error("quad class must be 1-4");
    c.goldstein = std::strtod(gold.c_str(), &end);
    if (gold.empty() || *end != 0 || c.goldstein < -10 || c.goldstein > 10) {
      return l.Error("Goldstein score must be a number in [-10, 10]");
    }
    for (const auto& prev : o.cameo_) {
      if (prev.code == c.code) return l.Error("duplicate CAMEO code " + c.code);
    }
    o.cameo_.push_back(std::move(c));
    return Status::Ok();
  }));
  o.Index();
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "plover_types.tsv", 4, 4, [&](const TsvLine& l) -> Status {
    PloverType t;
    t.name = l.fields[0];
    t.quad = std::atoi(std::string(l.fields[1]).c_str());
    t.default_cameo = l.fields[2];
    t.description = l.fields[3];
    if (t.name.empty() || t.quad < 1 || t.quad > 4) return l.Error("bad PLOVER type line");
    if (o.cameo_index_.find(t.default_cameo) == o.cameo_index_.end()) {
      return l.Error("default CAMEO code '" + t.default_cameo + "' is not in cameo.tsv");
    }
    o.types_.push_back(std::move(t));
    return Status::Ok();
  }));
  auto known_type = [&](std::string_view name) {
    for (const auto& t : o.types_) {
      if (t.name == name) return true;
    }
    return false;
  };
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "plover_modes.tsv", 2, 3, [&](const TsvLine& l) -> Status {
    if (!known_type(l.fields[0])) return l.Error("unknown PLOVER type '" + std::string(l.fields[0]) + "'");
    o.modes_.emplace_back(std::string(l.fields[0]), std::string(l.fields[1]));
    return Status::Ok();
  }));
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "plover_contexts.tsv", 1, 2, [&](const TsvLine& l) -> Status {
    o.contexts_.emplace_back(l.fields[0]);
    return Status::Ok();
  }));
  NEWSGRAPH_RETURN_IF_ERROR(ReadTsv(dir + "cameo_plover.tsv", 2, 4, [&](const TsvLine& l) -> Status {
    auto it = o.cameo_index_.find(std::string(l.fields[0]));
    if (it == o.cameo_index_.end())
      return l.Error("CAMEO code '" + std::string(l.fields[0]) + "' not in cameo.tsv");
    if (!known_type(l.fields[1])) return l.Error("unknown PLOVER type '" + std::string(l.fields[1]) + "'");
    CameoCode& c = o.cameo_[it->second];
    c.plover_event = l.fields[1];
    c.plover_mode = l.fields[2];
    c.plover_context = SplitList(l.fields[3], ';');
    return Status::Ok();
  }));
  // Root codes ("03") inherit the mapping of their "not specified" code ("030").
  for (auto& c : o.cameo_) {
    if (c.code.size() == 2 && c.plover_event.empty()) {
      if (const CameoCode* base = o.Cameo(c.code + "0")) {
        c.plover_event = base->plover_event;
        c.plover_mode = base->plover_mode;
        c.plover_context = base->plover_context;
      }
    }
  }
  return o;
}

void Ontology::Index() {
  cameo_index_.clear();
  for (std::uint32_t i = 0; i < cameo_.size(); ++i) cameo_index_.emplace(cameo_[i].code, i);
}

const CameoCode* Ontology::Cameo(std::string_view code) const {
  auto it = cameo_index_.find(std::string(code));
  return it == cameo_index_.end() ? nullptr : &cameo_[it->second];
}

const PloverType* Ontology::Plover(std::string_view type) const {
  for (const auto& t : types_) {
    if (t.name == type) return &t;
  }
  return nullptr;
}

std::string_view Ontology::DefaultCameo(std::string_view plover_type) const {
  const PloverType* t = Plover(plover_type);
  return t ? std::string_view(t->default_cameo) : std::string_view();
}

int Ontology::Quad(std::string_view cameo) const {
  const CameoCode* c = Cameo(cameo);
  return c ? c->quad : 0;
}

double Ontology::Goldstein(std::string_view cameo) const {
  const CameoCode* c = Cameo(cameo);
  return c ? c->goldstein : 0.0;
}

bool Ontology::IsMode(std::string_view plover_type, std::string_view mode) const {
  for (const auto& [t, m] : modes_) {
    if (t == plover_type && m == mode) return true;
  }
  return false;
}

bool Ontology::IsContext(std::string_view context) const {
  for (const auto& c : contexts_) {
    if (c == context) return true;
  }
  return false;
}

void Ontology::Save(BinaryWriter& w) const {
  w.Put<std::uint64_t>(cameo_.size());
  for (const auto& c : cameo_) {
    w.PutString(c.code);
    w.PutString(c.name);
    w.Put<std::int32_t>(c.quad);
    w.Put<double>(c.goldstein);
    w.PutString(c.plover_event);
    w.PutString(c.plover_mode);
    w.PutStrings(c.plover_context);
  }
  w.Put<std::uint64_t>(types_.size());
  for (const auto& t : types_) {
    w.PutString(t.name);
    w.Put<std::int32_t>(t.quad);
    w.PutString(t.default_cameo);
    w.PutString(t.description);
  }
  w.Put<std::uint64_t>(modes_.size());
  for (const auto& [t, m] : modes_) {
    w.PutString(t);
    w.PutString(m);
  }
  w.PutStrings(contexts_);
}

bool Ontology::Load(BinaryReader& r) {
  std::uint64_t n = 0;
  if (!r.Get(n) || n > 100000) return false;
  cameo_.resize(n);
  for (auto& c : cameo_) {
    std::int32_t quad = 0;
    r.GetString(c.code);
    r.GetString(c.name);
    r.Get(quad);
    r.Get(c.goldstein);
    r.GetString(c.plover_event);
    r.GetString(c.plover_mode);
    if (!r.GetStrings(c.plover_context, 64)) return false;
    c.quad = quad;
  }
  if (!r.Get(n) || n > 1000) return false;
  types_.resize(n);
  for (auto& t : types_) {
    std::int32_t quad = 0;
    r.GetString(t.name);
    r.Get(quad);
    r.GetString(t.default_cameo);
    if (!r.GetString(t.description)) return false;
    t.quad = quad;
  }
  if (!r.Get(n) || n > 100000) return false;
  modes_.resize(n);
  for (auto& [t, m] : modes_) {
    r.GetString(t);
    if (!r.GetString(m)) return false;
  }
  if (!r.GetStrings(contexts_, 100000)) return false;
  Index();
  return r.ok();
}

}  // namespace newsgraph::actors
