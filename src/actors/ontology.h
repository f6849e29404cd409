// Ontology: the event vocabulary the event coder writes -- PLOVER 2.0 event types, modes and
// contexts, the CAMEO 1.1b3 codebook with quad classes and Goldstein scores, and the
// CAMEO -> PLOVER map. Sources: knowledge/ontology/*.tsv (docs/KNOWLEDGE.md); compiled into the
// "ontology" section of the knowledge-base file.
//
// Thread safety: immutable after construction; shared read-only by all threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model_file.h"
#include "newsgraph/status.h"

namespace newsgraph::actors {

struct CameoCode {
  std::string code;  // "036", leading zeros kept
  std::string name;  // "Express intent to meet or negotiate"
  int quad = 0;      // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  double goldstein = 0;
  std::string plover_event;                 // "AGREE", "" when PLOVER has no equivalent
  std::string plover_mode;                  // "" when none
  std::vector<std::string> plover_context;  // e.g. {"diplomatic"}
};

struct PloverType {
  std::string name;           // "AGREE"
  int quad = 0;               // quad category from the PLOVER manual
  std::string default_cameo;  // our default CAMEO code for the type ("030")
  std::string description;
};

class Ontology {
 public:
  // Reads knowledge/ontology/{cameo,cameo_plover,plover_types,plover_modes,plover_contexts}.tsv
  // under `sources_dir` (the knowledge/ folder). E301 names file and line on malformed input.
  static Result<Ontology> FromSources(const std::string& sources_dir);

  // nullptr when unknown. Accepts codes with or without leading zeros lost ("36" -> "036" is NOT
  // guessed: codes are strings).
  const CameoCode* Cameo(std::string_view code) const;
  const PloverType* Plover(std::string_view type) const;
  // PLOVER type -> default CAMEO code ("" when the type is unknown).
  std::string_view DefaultCameo(std::string_view plover_type) const;
  // 0 / 0.0 when the code is unknown.
  int Quad(std::string_view cameo) const;
  double Goldstein(std::string_view cameo) const;
  bool IsMode(std::string_view plover_type, std::string_view mode) const;
  bool IsContext(std::string_view context) const;

  const std::vector<CameoCode>& cameo_codes() const { return cameo_; }
  const std::vector<PloverType>& plover_types() const { return types_; }
  const std::vector<std::pair<std::string, std::string>>& modes() const { return modes_; }
  const std::vector<std::string>& contexts() const { return contexts_; }

  void Save(BinaryWriter& w) const;
  bool Load(BinaryReader& r);

 private:
  void Index();

  std::vector<CameoCode> cameo_;
  std::vector<PloverType> types_;
  std::vector<std::pair<std::string, std::string>> modes_;  // (type, mode)
  std::vector<std::string> contexts_;
  std::unordered_map<std::string, std::uint32_t> cameo_index_;
};

}  // namespace newsgraph::actors
