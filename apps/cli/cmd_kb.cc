// `newsgraph kb build` compiles knowledge/ into the binary kb file; `newsgraph kb lookup NAME`
// prints what a name resolves to on a date, as one JSON object (E304 and exit 1 when nothing
// matches).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "actors/knowledge_base.h"
#include "actors/resolver.h"
#include "actors/tsv.h"
#include "cli/commands.h"

namespace newsgraph::cli {
namespace {

void Json(std::string& out, std::string_view s) {
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += '"';
}

void Field(std::string& out, const char* key, std::string_view value) {
  if (out.size() > 1) out += ", ";
  Json(out, key);
  out += ": ";
  Json(out, value);
}

int Fail(const Status& s, int code) {
  std::fprintf(stderr, "newsgraph: %s\n", s.ToString().c_str());
  return code;
}

std::string DefaultOut() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "build/knowledge/newsgraph.kb";
  return (exe.parent_path() / "knowledge" / "newsgraph.kb").string();
}

}  // namespace

void RegisterKb(CLI::App& app, CommandContext& ctx) {
  auto* kb = app.add_subcommand("kb", "Build the knowledge base or look names up in it");
  kb->require_subcommand(1);

  struct BuildOptions {
    std::string sources;
    std::string out;
  };
  // Options outlive parsing (CLI11 binds to them), so they live for the whole process.
  static BuildOptions build_opts_storage;
  BuildOptions* build_opts = &build_opts_storage;
  auto* build = kb->add_subcommand("build", "Compile knowledge/ into one binary knowledge-base file");
  build->add_option("--sources", build_opts->sources,
                    "Knowledge source folder (default: the shipped knowledge/)");
  build->add_option("--out", build_opts->out, "Output file (default: <binary dir>/knowledge/newsgraph.kb)");
  build->callback([&ctx, build_opts]() {
    const std::string sources =
        build_opts->sources.empty() ? actors::DefaultKbSources() : build_opts->sources;
    const std::string out = build_opts->out.empty() ? DefaultOut() : build_opts->out;
    const auto t0 = std::chrono::steady_clock::now();
    actors::KbStats stats;
    const Status s = actors::BuildKbFile(sources, out, &stats);
    if (!s.ok()) {
      ctx.exit_code = Fail(s, 1);
      return;
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(out, ec);
    std::fprintf(
        stderr,
        "kb build: %zu actors (%zu people, %zu countries, %zu organisations), %zu dated roles, %zu alias "
        "keys, %zu automaton states -> %s (%llu bytes, %.0f ms)\n",
        stats.actors, stats.people, stats.countries, stats.organisations, stats.roles, stats.keys,
        stats.states, out.c_str(), static_cast<unsigned long long>(bytes), ms);
    ctx.exit_code = 0;
  });

  struct LookupOptions {
    std::string name;
    std::string date;
    std::string kb_path;
  };
  static LookupOptions lookup_opts_storage;
  LookupOptions* lookup_opts = &lookup_opts_storage;
  auto* lookup =
      kb->add_subcommand("lookup", "Print what an actor name resolves to on a date (one JSON object)");
  lookup->add_option("NAME", lookup_opts->name, "Name, title or phrase (\"the Kremlin\", \"Russian troops\")")
      ->required();
  lookup->add_option("--date", lookup_opts->date, "Date YYYY-MM-DD (default: today)");
  lookup->add_option("--kb", lookup_opts->kb_path, "Compiled knowledge base (default: the shipped one)");
  lookup->callback([&ctx, lookup_opts]() {
    std::int32_t day = 0;
    if (!actors::ParseResolverDate(lookup_opts->date, day)) {
      ctx.exit_code =
          Fail(Status(ErrorCode::kUsage, "bad --date '" + lookup_opts->date + "' (expected YYYY-MM-DD)"), 2);
      return;
    }
    auto kb = actors::SharedKnowledgeBase(lookup_opts->kb_path);
    if (!kb.ok()) {
      ctx.exit_code = Fail(kb.status(), 1);
      return;
    }
    const actors::ActorResolver resolver(**kb);
    actors::ResolveContext rc;
    auto r = resolver.Resolve(lookup_opts->name, rc, day);
    if (!r) {
      ctx.exit_code = Fail(
          Status(ErrorCode::kKbNoMatch, "'" + lookup_opts->name + "' matches nothing in the knowledge base"),
          1);
      return;
    }
    std::string out = "{";
    Field(out, "query", lookup_opts->name);
    Field(out, "date", actors::FormatDay(day));
    Field(out, "id", r->actor.id);
    Field(out, "name", r->actor.name);
    Field(out, "code", r->actor.code);
    Field(out, "sector", r->actor.sector);
    Field(out, "role", r->actor.role);
    Field(out, "kind", actors::ActorKindName(r->kind));
    out += ", \"in_office\": ";
    out += r->in_office ? "true" : "false";
    Field(out, "note", r->note);
    out += "}\n";
    std::fputs(out.c_str(), stdout);
    ctx.exit_code = 0;
  });
}

}  // namespace newsgraph::cli
