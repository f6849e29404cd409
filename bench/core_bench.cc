#include <benchmark/benchmark.h>

#include <string>

#include "newsgraph/doc.h"

// Code-point conversion runs for every offset the JSON writer prints.
static void BM_CodePointOffsets(benchmark::State& state) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "Kim Jong Un \xe2\x80\x99s visit. ";
  for (auto _ : state) {
    newsgraph::Doc doc("d", text);
    std::uint64_t sum = 0;
    for (std::uint32_t b = 0; b < doc.text.size(); b += 7) {
      if ((static_cast<unsigned char>(doc.text[b]) & 0xC0) != 0x80) sum += doc.CodePoint(b);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_CodePointOffsets);
