// Test helper: training options for the tagger and parser on the tiny CoNLL-U file
// (tests/data/syntax/tiny.conllu, also used as dev), the setup every training test shares.
#pragma once

#include <string>

#include "tagger/syntax_data.h"
#include "test_files.h"

namespace newsgraph::testing {

inline syntax::TrainOptions TinyTraining(int epochs, int seed) {
  syntax::TrainOptions o;
  o.train_files = {std::string(NEWSGRAPH_TEST_DATA) + "/syntax/tiny.conllu"};
  o.dev_files = o.train_files;
  o.epochs = epochs;
  o.seed = seed;
  return o;
}

}  // namespace newsgraph::testing
