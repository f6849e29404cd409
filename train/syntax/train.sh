#!/usr/bin/env bash
# Reproduces the shipped syntax models byte for byte (same data + seed -> same file):
#   models/tagger.ngm  (UPOS/XPOS/UD features + lemmatizer, WordNet exception lists compiled in)
#   models/parser.ngm  (arc-hybrid dependency parser)
# Usage: train/syntax/train.sh [path/to/newsgraph] [path/to/shared/data]
# Needs the Debian package wordnet-base (/usr/share/wordnet/*.exc).
set -euo pipefail
cd "$(dirname "$0")/../.."
NG=${1:-build/newsgraph}
DATA=${2:-../shared/data}
TRAIN=("$DATA/ud/en_ewt-ud-train.conllu" "$DATA"/gum/train/dep/*.conllu)
DEV=("$DATA/ud/en_ewt-ud-dev.conllu")

# Tagger: EWT train is given twice (weights EWT x2 against GUM); the NER's word clusters
# (models/ner-clusters.bin, train/ner) are compiled into the model.
time nice -n 5 "$NG" train tagger --train "$DATA/ud/en_ewt-ud-train.conllu" "${TRAIN[@]}" --dev "${DEV[@]}" \
  --clusters models/ner-clusters.bin --out models/tagger.ngm --epochs 8 --seed 1
# Note: the committed parser.ngm was trained before the tagger got clusters (tagger format 1,
# jackknife taggers without --clusters); this command is what a retraining should run.
time nice -n 5 "$NG" train parser --train "${TRAIN[@]}" --dev "${DEV[@]}" --clusters models/ner-clusters.bin \
  --tagger models/tagger.ngm --jackknife 4 --tagger-epochs 6 --out models/parser.ngm --epochs 10 --seed 1
