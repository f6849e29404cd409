// Fuzz target: the compiled knowledge-base loader. Any byte string must either be rejected with
// a Status or load into a KnowledgeBase that can be queried without crashing.
// Each input is tried twice: as a whole file image (container checks: magic, sizes, checksum,
// section table), and -- because a random mutation almost never survives the checksum -- as
// "u32 split | actors section | ontology section" wrapped in a valid container, which drives the
// section parsers and the automaton validation directly. The seeds in fuzz/corpus/kb_loader_fuzz/
// are the tiny test knowledge base (tests/data/kb/mini) in both forms.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "actors/kb_file.h"
#include "actors/knowledge_base.h"
#include "actors/resolver.h"

namespace {

void Exercise(std::unique_ptr<newsgraph::KbFile> file) {
  auto kb = newsgraph::actors::KnowledgeBase::FromFile(std::move(file));
  if (!kb.ok()) return;
  const newsgraph::actors::ActorResolver resolver(**kb);
  newsgraph::actors::DocMemory memory;
  newsgraph::actors::ResolveContext ctx;
  ctx.memory = &memory;
  for (const char* name :
       {"the White House", "Bob Sample", "Russian troops", "NATO", "Ada Example administration"}) {
    auto r = resolver.Resolve(name, ctx, "2015-06-01");
    if (r && r->index != newsgraph::actors::AliasMatcher::kNone) memory.NotePerson(**kb, r->index, name);
  }
  std::vector<newsgraph::actors::MentionCandidate> found;
  resolver.Scan("the White House and the Kremlin said Bob Sample and Ada Example met", found);
  (void)(*kb)->ontology().Goldstein("036");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto file = newsgraph::KbFile::FromImage(bytes, "fuzz");
  if (file.ok()) Exercise(std::move(file).value());
  if (size < 4) return 0;
  std::uint32_t split = 0;
  for (int i = 0; i < 4; ++i) split |= static_cast<std::uint32_t>(data[i]) << (8 * i);
  const std::string_view rest = bytes.substr(4);
  split = static_cast<std::uint32_t>(split % (rest.size() + 1));
  newsgraph::KbFileWriter w;
  w.AddSection("actors", std::string(rest.substr(0, split)));
  w.AddSection("ontology", std::string(rest.substr(split)));
  auto wrapped = newsgraph::KbFile::FromImage(w.Image(), "fuzz-rewrapped");
  if (wrapped.ok()) Exercise(std::move(wrapped).value());
  return 0;
}
