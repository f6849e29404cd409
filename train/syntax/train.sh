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

time nice -n 5 "$NG" train tagger --train "${TRAIN[@]}" --dev "${DEV[@]}" \
  --out models/tagger.ngm --epochs 10 --seed 1
time nice -n 5 "$NG" train parser --train "${TRAIN[@]}" --dev "${DEV[@]}" \
  --tagger models/tagger.ngm --jackknife 4 --tagger-epochs 6 --out models/parser.ngm --epochs 10 --seed 1
