// MakePlaceResolver: the pipeline component that fills Doc::places.
//
// The gazetteer comes from the "places" section of the compiled knowledge base
// (knowledge/newsgraph.kb, mmapped once and shared by every thread). When no knowledge-base
// file exists yet — a fresh clone before `newsgraph kb build` — the section is compiled in
// process from knowledge/places/*.tsv (about a second), so the pipeline still works; a file
// that exists but is corrupt is an error (E303), never silently replaced.
#include "geo/place_resolver.h"

#include <memory>
#include <utility>

#include "actors/kb_file.h"
#include "core/model_file.h"
#include "pipeline/stages.h"

namespace newsgraph {
namespace geo {

Result<std::unique_ptr<PlaceResolverComponent>> PlaceResolverComponent::Load(const std::string& kb_path) {
  std::unique_ptr<PlaceResolverComponent> c(new PlaceResolverComponent());
  const std::string path = kb_path.empty() ? FindDataFile("knowledge/newsgraph.kb") : kb_path;
  auto kb = KbFile::Open(path);
  if (kb.ok()) {
    const auto section = (*kb)->Section("places");
    if (section) {
      auto gaz = Gazetteer::FromSection(*section);
      if (!gaz.ok()) {
        return Status(gaz.status().code(), path + ": " + gaz.status().message());
      }
      c->kb_ = std::move(kb).value();
      c->gazetteer_ = std::move(gaz).value();
    }
  } else if (kb.status().code() != ErrorCode::kKbNotFound || !kb_path.empty()) {
    return kb.status();
  }
  if (!c->gazetteer_) {
    auto gaz = Gazetteer::FromSources(FindDataFile("knowledge"));
    if (!gaz.ok()) return gaz.status();
    c->gazetteer_ = std::move(gaz).value();
  }
  c->resolver_ = std::make_unique<ToponymResolver>(*c->gazetteer_);
  return c;
}

std::unique_ptr<PlaceResolverComponent> PlaceResolverComponent::FromGazetteer(
    std::unique_ptr<Gazetteer> gazetteer) {
  std::unique_ptr<PlaceResolverComponent> c(new PlaceResolverComponent());
  c->gazetteer_ = std::move(gazetteer);
  c->resolver_ = std::make_unique<ToponymResolver>(*c->gazetteer_);
  return c;
}

PlaceResolverComponent::~PlaceResolverComponent() = default;

std::vector<ToponymMention> PlaceResolverComponent::MentionsOf(const Doc& doc) {
  std::vector<ToponymMention> mentions;
  mentions.reserve(doc.entities.size());
  for (const Entity& e : doc.entities) {
    ToponymMention m;
    m.byte_begin = e.byte_begin;
    m.byte_end = e.byte_end;
    if (e.label == "LOC") {
      m.kind = ToponymMention::Kind::kLocation;
    } else if (e.norp) {
      m.kind = ToponymMention::Kind::kContextOnly;
    } else if (e.label == "ORG" || e.label == "MISC") {
      m.kind = ToponymMention::Kind::kOther;
    } else {
      continue;  // PER
    }
    mentions.push_back(m);
  }
  return mentions;
}

Status PlaceResolverComponent::Process(Doc& doc) const {
  doc.places.clear();
  const auto mentions = MentionsOf(doc);
  const auto resolved = resolver_->Resolve(doc.text, mentions);
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (resolved[i]) doc.places.push_back(resolver_->ToPlace(mentions[i], *resolved[i]));
  }
  return Status::Ok();
}

}  // namespace geo

Result<std::unique_ptr<Component>> MakePlaceResolver(const PipelineConfig& config) {
  auto c = geo::PlaceResolverComponent::Load(config.kb_path);
  if (!c.ok()) return c.status();
  return std::unique_ptr<Component>(std::move(c).value());
}

}  // namespace newsgraph
