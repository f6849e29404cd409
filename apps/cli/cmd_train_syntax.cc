// `newsgraph train tagger` and `newsgraph train parser`: reproducible training of the shipped
// syntax models (same data + seed -> byte-identical model file).
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "parser/parser.h"
#include "tagger/tagger.h"

namespace newsgraph::cli {
namespace {

struct TrainFlags {
  std::vector<std::string> train;
  std::vector<std::string> dev;
  std::string out;
  int epochs = 0;
  std::uint64_t seed = 1;
  std::string wordnet = "/usr/share/wordnet";
  std::string tagger;
  int jackknife = 0;
  int tagger_epochs = 0;
  std::string jackknife_cache;
  std::string clusters;
  int tagger_folds = 0;
  bool adapt = false;
};

void AddFlags(CLI::App* cmd, TrainFlags& f, bool parser) {
  cmd->add_option("--train", f.train, "Training CoNLL-U files")->required()->check(CLI::ExistingFile);
  cmd->add_option("--dev", f.dev, "Development CoNLL-U files (dev score printed per epoch)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", f.out, "Output model file")->required();
  cmd->add_option("--epochs", f.epochs, "Training epochs (default: the model's own)");
  cmd->add_option("--seed", f.seed, "Random seed (shuffling, exploration)");
  cmd->add_option("--clusters", f.clusters,
                  parser ? "Word-cluster file for the jackknife taggers (as for train tagger)"
                         : "Word-cluster file (models/ner-clusters.bin) compiled into the tagger")
      ->check(CLI::ExistingFile);
  if (parser) {
    cmd->add_option("--tagger", f.tagger, "Tag the dev data with this tagger model (default: gold tags)");
    cmd->add_option("--jackknife", f.jackknife,
                    "Train on tags predicted by K-fold taggers (default 0: gold tags)");
    cmd->add_option("--tagger-epochs", f.tagger_epochs, "Epochs of the jackknife taggers");
    cmd->add_option("--jackknife-cache", f.jackknife_cache,
                    "Keep the jackknifed training tags in this file and reuse them when the data, "
                    "folds, tagger epochs, clusters and seed match (same model, faster retraining; delete it "
                    "after changing the tagger code)");
  } else {
    cmd->add_option("--wordnet", f.wordnet, "Directory of WordNet *.exc lemma exception lists");
    cmd->add_option("--two-pass", f.tagger_folds,
                    "K >= 2: add a right-to-left first pass whose tags the second pass reads, "
                    "trained on K-fold first-pass output (default 0: one pass)");
    cmd->add_flag("--adapt", f.adapt,
                  "Domain adaptation: the first --train file is the target domain (feature augmentation)");
  }
}

syntax::TrainOptions ToOptions(const TrainFlags& f) {
  syntax::TrainOptions o;
  o.train_files = f.train;
  o.dev_files = f.dev;
  o.out = f.out;
  o.epochs = f.epochs;
  o.seed = f.seed;
  o.wordnet_dir = f.wordnet;
  o.tagger_model = f.tagger;
  o.jackknife = f.jackknife;
  o.tagger_epochs = f.tagger_epochs;
  o.jackknife_cache = f.jackknife_cache;
  o.clusters = f.clusters;
  o.tagger_folds = f.tagger_folds;
  o.adapt = f.adapt;
  return o;
}

}  // namespace

void RegisterTrainSyntax(CLI::App& app, CommandContext& ctx) {
  static TrainFlags tagger_flags;
  static TrainFlags parser_flags;
  auto* tagger = ctx.train->add_subcommand("tagger", "Train the POS tagger + lemmatizer (models/tagger.ngm)");
  AddFlags(tagger, tagger_flags, false);
  tagger->callback([&ctx]() {
    const Status st = syntax::TrainTagger(ToOptions(tagger_flags));
    if (!st.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", st.ToString().c_str());
      ctx.exit_code = 1;
    }
  });
  auto* parser = ctx.train->add_subcommand("parser", "Train the dependency parser (models/parser.ngm)");
  AddFlags(parser, parser_flags, true);
  parser->callback([&ctx]() {
    const Status st = syntax::TrainParser(ToOptions(parser_flags));
    if (!st.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", st.ToString().c_str());
      ctx.exit_code = 1;
    }
  });
}

}  // namespace newsgraph::cli
