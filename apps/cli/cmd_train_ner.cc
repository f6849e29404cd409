// `newsgraph train ner`: reproducible training of models/ner.ngm (see docs/MODELS.md).
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "ner/ner_train.h"

namespace newsgraph::cli {

void RegisterTrainNer(CLI::App& app, CommandContext& ctx) {
  (void)app;
  auto* cmd = ctx.train->add_subcommand("ner", "Train the named-entity recognizer (models/ner.ngm)");
  auto options = std::make_shared<ner::NerTrainOptions>();
  auto quiet = std::make_shared<bool>(false);
  cmd->add_option("--train", options->train_files, "Gold CoNLL/IOB2 training files")->required();
  cmd->add_option("--dev", options->dev_files, "Gold dev files: F1 per epoch, best epoch kept");
  cmd->add_option("--out", options->out, "Output model file")->capture_default_str();
  cmd->add_option("--epochs", options->epochs, "Training epochs")->capture_default_str();
  cmd->add_option("--seed", options->seed, "Random seed (document order)")->capture_default_str();
  cmd->add_option("--min-count", options->min_count, "Drop static features seen fewer times")
      ->capture_default_str();
  cmd->add_option("--ensemble", options->ensemble,
                  "Perceptrons per stage trained on different document orders and averaged")
      ->capture_default_str();
  cmd->add_option("--beam", options->beam,
                  "Beam width of training and decoding (1 = greedy with the closing repair)")
      ->capture_default_str();
  cmd->add_option("--stack-folds", options->stack_folds,
                  "Folds of the jackknife for the second (document-level) stage; 0 = one stage only")
      ->capture_default_str();
  cmd->add_option(
      "--cluster-text", options->cluster_text,
      "Unlabelled text for word clusters (.jsonl with \"text\", .conllu, CoNLL columns, plain text)");
  auto sizes = std::make_shared<std::vector<int>>(options->cluster_options.sizes.begin(),
                                                  options->cluster_options.sizes.end());
  cmd->add_option("--cluster-sizes", *sizes, "Classes of the three clusterings")
      ->expected(3)
      ->capture_default_str();
  cmd->add_option("--cluster-iterations", options->cluster_options.iterations,
                  "Exchange iterations per clustering")
      ->capture_default_str();
  cmd->add_option(
      "--clusters", options->clusters,
      "Cluster file: written when --cluster-text is given, else read (e.g. models/ner-clusters.bin)");
  cmd->add_option("--geonames", options->geonames_dir,
                  "GeoNames directory (countryInfo.tsv, cities15000.txt, regionInfo.tsv) for the gazetteer");
  cmd->add_option("--leaders", options->leaders_csv, "Leaders CSV with a 'person' column for the gazetteer");
  cmd->add_option("--name-lists", options->name_lists,
                  "IOB files (e.g. WikiANN) whose entity names become gazetteer features");
  cmd->add_flag("--quiet", *quiet, "No progress bar");
  cmd->callback([options, quiet, sizes, &ctx]() {
    options->progress = !*quiet;
    for (std::size_t i = 0; i < sizes->size() && i < options->cluster_options.sizes.size(); ++i) {
      options->cluster_options.sizes[i] = (*sizes)[i];
    }
    const Status status = ner::TrainNer(*options, stderr);
    if (!status.ok()) {
      std::fprintf(stderr, "newsgraph: %s\n", status.ToString().c_str());
      ctx.exit_code = 1;
      return;
    }
    ctx.exit_code = 0;
  });
}

}  // namespace newsgraph::cli
