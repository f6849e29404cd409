// `newsgraph eval geo --gold FILE|DIR`: toponym resolution on GeoVirus / TR-News style gold.
//
// Two measurements, as in the geoparsing literature (Gritta et al. 2018):
//  (a) resolution given the gold toponym spans: accuracy within 161 km (100 miles), mean and
//      median error, AUC of the log error curve (0 best, 1 worst) — unresolved toponyms count
//      as the worst error (20,039 km, half the equator);
//  (b) end to end (segmenter + NER + place resolver): precision = system places that overlap a
//      gold toponym span and lie within 161 km of it / system places; recall = gold toponyms so
//      found / gold toponyms. Skipped with a note when the NER model is not available, or with
//      --gold-tokens (spans only).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "geo/geo_gold.h"
#include "geo/place_resolver.h"
#include "geo/resolver.h"
#include "newsgraph/pipeline.h"

namespace newsgraph::cli {
namespace {

constexpr double kMaxErrorKm = 20039.0;
constexpr double kAccuracyKm = 161.0;

struct SpanScores {
  std::size_t gold = 0;
  std::size_t resolved = 0;
  std::size_t within = 0;
  std::size_t with_id = 0;  // gold toponyms that carry a geonameid (TR-News)
  std::size_t same_id = 0;  // ... resolved to that very entry
  std::vector<double> errors;
};

struct EndToEndScores {
  std::size_t system = 0;
  std::size_t system_correct = 0;
  std::size_t gold = 0;
  std::size_t gold_found = 0;
};

struct FileReport {
  std::string name;
  std::size_t articles = 0;
  geo::GoldCorpus meta;
  SpanScores spans;
  bool e2e_ran = false;
  EndToEndScores e2e;
  double seconds = 0;
};

std::vector<std::string> ExpandGold(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& g : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(g, ec)) {
      std::vector<std::string> in_dir;
      for (const auto& e : std::filesystem::directory_iterator(g, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".xml") in_dir.push_back(e.path().string());
      }
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else {
      files.push_back(g);
    }
  }
  return files;
}

int RunEvalGeo(const std::vector<std::string>& gold_paths, const std::string& kb_path, bool spans_only,
               bool no_demonyms, bool no_context, int show_errors, const std::string& model_dir) {
  auto component = geo::PlaceResolverComponent::Load(kb_path);
  if (!component.ok()) {
    std::fprintf(stderr, "newsgraph: %s\n", component.status().ToString().c_str());
    return 1;
  }
  const geo::Gazetteer& gaz = (*component)->gazetteer();
  geo::ResolverOptions options;
  if (no_context) {
    // Ablation: population prior, feature type and explicit qualifiers only.
    options.country_context = options.main_country = options.admin1_context = options.proximity = 0;
    options.use_dateline = false;
  }
  const geo::ToponymResolver resolver(gaz, options);

  std::unique_ptr<Pipeline> ner;
  std::string ner_note;
  if (!spans_only) {
    PipelineConfig config;
    config.until = "ner";
    if (!model_dir.empty()) config.model_dir = model_dir;
    auto built = Pipeline::Build(config);
    if (built.ok()) {
      ner = std::move(built).value();
      bool has_ner = false;
      for (auto n : ner->ComponentNames())
        has_ner =
            has_ner || n.find("ner") != std::string_view::npos || n.find("entit") != std::string_view::npos;
      if (!has_ner) {
        ner_note = "the pipeline has no entity recognizer yet";
        ner.reset();
      }
    } else {
      ner_note = built.status().ToString();
    }
  }

  std::vector<FileReport> reports;
  for (const auto& path : ExpandGold(gold_paths)) {
    auto corpus = geo::LoadGeoGold(path);
    if (!corpus.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", corpus.status().ToString().c_str());
      return 1;
    }
    FileReport rep;
    rep.name = std::filesystem::path(path).filename().string();
    rep.articles = corpus->articles.size();
    rep.meta.realigned = corpus->realigned;
    rep.meta.dropped_no_point = corpus->dropped_no_point;
    rep.meta.dropped_not_found = corpus->dropped_not_found;
    struct Miss {
      double km;
      std::string phrase, got, doc;
    };
    std::vector<Miss> misses;
    std::vector<std::string> e2e_errors;
    for (const auto& art : corpus->articles) {
      std::vector<geo::ToponymMention> mentions;
      for (const auto& t : art.toponyms) {
        geo::ToponymMention m;
        m.byte_begin = t.byte_begin;
        m.byte_end = t.byte_end;
        m.resolve_demonyms = !no_demonyms;
        mentions.push_back(m);
      }
      const auto r0 = std::chrono::steady_clock::now();
      const auto out = resolver.Resolve(art.text, mentions);
      rep.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - r0).count();
      for (std::size_t i = 0; i < mentions.size(); ++i) {
        const auto& t = art.toponyms[i];
        ++rep.spans.gold;
        double km = kMaxErrorKm;
        std::string got = "(none)";
        if (out[i]) {
          ++rep.spans.resolved;
          const geo::PlaceRecord r = gaz.record(out[i]->record);
          km = geo::HaversineKm(t.lat, t.lon, r.lat, r.lon);
          got = std::string(gaz.name(r)) + " " + std::string(r.country, 3) + " " +
                std::string(geo::PlaceKindName(r.kind));
        }
        if (km <= kAccuracyKm) ++rep.spans.within;
        if (t.geonameid != 0) {
          ++rep.spans.with_id;
          if (out[i] && gaz.record(out[i]->record).geonameid == t.geonameid) ++rep.spans.same_id;
        }
        rep.spans.errors.push_back(km);
        if (km > kAccuracyKm && show_errors > 0) misses.push_back({km, t.phrase, got, art.id});
      }
      if (ner) {
        rep.e2e_ran = true;
        Doc doc(art.id, art.text);
        doc.date = art.date;
        if (ner->Process(doc).ok() && (*component)->Process(doc).ok()) {
          rep.e2e.gold += art.toponyms.size();
          rep.e2e.system += doc.places.size();
          std::vector<bool> found(art.toponyms.size(), false);
          for (const auto& p : doc.places) {
            bool ok = false, overlaps = false;
            for (std::size_t i = 0; i < art.toponyms.size(); ++i) {
              const auto& t = art.toponyms[i];
              if (p.byte_begin < t.byte_end && t.byte_begin < p.byte_end) {
                overlaps = true;
                if (geo::HaversineKm(t.lat, t.lon, p.lat, p.lon) <= kAccuracyKm) {
                  ok = true;
                  found[i] = true;
                }
              }
            }
            if (ok) {
              ++rep.e2e.system_correct;
            } else if (show_errors > 0) {
              e2e_errors.push_back(std::string(overlaps ? "wrong point  " : "not in gold  ") +
                                   std::string(doc.slice(p.byte_begin, p.byte_end)) + " -> " + p.name + " " +
                                   p.country + " " + p.feature);
            }
          }
          for (bool f : found) rep.e2e.gold_found += f ? 1 : 0;
        } else {
          rep.e2e.gold += art.toponyms.size();
        }
      }
    }
    if (show_errors > 0) {
      std::sort(misses.begin(), misses.end(),
                [](const Miss& a, const Miss& b) { return a.phrase < b.phrase; });
      std::printf("Errors over %.0f km in %s (%zu):\n", kAccuracyKm, rep.name.c_str(), misses.size());
      int shown = 0;
      for (const auto& m : misses) {
        if (shown++ >= show_errors) break;
        std::printf("  %-28s %9.0f km  -> %s  [%s]\n", m.phrase.c_str(), m.km, m.got.c_str(), m.doc.c_str());
      }
      if (!e2e_errors.empty()) {
        std::sort(e2e_errors.begin(), e2e_errors.end());
        std::printf("End-to-end places not counted correct in %s (%zu):\n", rep.name.c_str(),
                    e2e_errors.size());
        for (std::size_t k = 0; k < e2e_errors.size() && k < static_cast<std::size_t>(show_errors); ++k) {
          std::printf("  %s\n", e2e_errors[k].c_str());
        }
      }
    }
    reports.push_back(std::move(rep));
  }

  std::printf("## Toponym resolution given gold spans (accuracy = share within %.0f km)\n\n", kAccuracyKm);
  std::printf(
      "| gold file | articles | toponyms | resolved | acc@161km | mean km | median km | AUC | same geonameid "
      "|\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (auto& r : reports) {
    auto& e = r.spans.errors;
    std::sort(e.begin(), e.end());
    double mean = 0, auc = 0;
    for (double km : e) {
      mean += km;
      auc += std::log(1.0 + km) / std::log(1.0 + kMaxErrorKm);
    }
    const double n = std::max<double>(1.0, static_cast<double>(e.size()));
    const double median = e.empty() ? 0 : e[e.size() / 2];
    char same_id[32] = "-";
    if (r.spans.with_id > 0) {
      std::snprintf(same_id, sizeof same_id, "%.1f%%",
                    100.0 * static_cast<double>(r.spans.same_id) / static_cast<double>(r.spans.with_id));
    }
    std::printf("| %s | %zu | %zu | %.1f%% | %.1f%% | %.0f | %.0f | %.3f | %s |\n", r.name.c_str(),
                r.articles, r.spans.gold, 100.0 * static_cast<double>(r.spans.resolved) / n,
                100.0 * static_cast<double>(r.spans.within) / n, mean / n, median, auc / n, same_id);
  }
  std::printf("\n");
  for (const auto& r : reports) {
    std::printf(
        "%s: %zu spans re-anchored to the nearest occurrence of their phrase, %zu without "
        "coordinates and %zu not found in the text left out; resolution %.3f s.\n",
        r.name.c_str(), r.meta.realigned, r.meta.dropped_no_point, r.meta.dropped_not_found, r.seconds);
  }
  std::printf(
      "AUC: mean of ln(1 + error km) / ln(20,040), lower is better (Gritta et al. 2018). "
      "Same geonameid: share of gold toponyms that carry a GeoNames id resolved to that very "
      "entry, which does not depend on where a country's or region's point is put.\n");
  std::printf("Demonyms %s resolved to their country (TR-News counts \"Turkish\" as a toponym).\n",
              no_demonyms ? "are not" : "are");
  std::printf("\n## End to end (segmenter + NER + place resolver)\n\n");
  if (spans_only) {
    std::printf("skipped (--gold-tokens: gold spans only)\n");
    return 0;
  }
  if (!ner) {
    std::printf("skipped: %s\n", ner_note.c_str());
    return 0;
  }
  std::printf("| gold file | system places | gold toponyms | precision | recall | F1 |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  for (const auto& r : reports) {
    const double p =
        r.e2e.system ? static_cast<double>(r.e2e.system_correct) / static_cast<double>(r.e2e.system) : 0;
    const double rc =
        r.e2e.gold ? static_cast<double>(r.e2e.gold_found) / static_cast<double>(r.e2e.gold) : 0;
    const double f = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
    std::printf("| %s | %zu | %zu | %.1f%% | %.1f%% | %.1f%% |\n", r.name.c_str(), r.e2e.system, r.e2e.gold,
                100 * p, 100 * rc, 100 * f);
  }
  std::printf(
      "\nA system place is correct when its span overlaps a gold toponym and its point lies within "
      "%.0f km of the gold point.\n",
      kAccuracyKm);
  return 0;
}

}  // namespace

void RegisterEvalGeo(CLI::App& app, CommandContext& ctx) {
  auto* cmd = ctx.eval->add_subcommand(
      "geo", "Toponym resolution on GeoVirus / TR-News gold (accuracy within 161 km)");
  auto gold = std::make_shared<std::vector<std::string>>();
  auto kb = std::make_shared<std::string>();
  auto model_dir = std::make_shared<std::string>();
  auto spans_only = std::make_shared<bool>(false);
  auto no_demonyms = std::make_shared<bool>(false);
  auto errors = std::make_shared<int>(0);
  auto no_context = std::make_shared<bool>(false);
  cmd->add_option("--gold", *gold, "GeoVirus / TR-News XML file(s) or a directory of them")->required();
  cmd->add_option("--kb", *kb,
                  "Knowledge-base file (default: knowledge/newsgraph.kb, else knowledge/places)");
  cmd->add_option("--model-dir", *model_dir, "Directory of the NER model for the end-to-end run");
  cmd->add_flag("--gold-tokens", *spans_only, "Only resolve the gold spans (no end-to-end run)");
  cmd->add_flag("--no-demonyms", *no_demonyms, "Do not resolve demonyms (\"Turkish\") to countries");
  cmd->add_flag("--no-context", *no_context,
                "Ablation: resolve gold spans without document context (prior and qualifiers only)");
  cmd->add_option("--errors", *errors, "List up to N toponyms resolved more than 161 km off");
  cmd->callback([&ctx, gold, kb, model_dir, spans_only, no_demonyms, no_context, errors]() {
    ctx.exit_code = RunEvalGeo(*gold, *kb, *spans_only, *no_demonyms, *no_context, *errors, *model_dir);
  });
  (void)app;
}

}  // namespace newsgraph::cli
