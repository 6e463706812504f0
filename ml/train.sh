#!/usr/bin/env bash
# Reproduces the shipped models in ml/models/{lang,sentiment,intent} from the public datasets and ml/data.
# Needs Debian's PyTorch and ONNX (see ml/README.md). About 6 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
export OPENBLAS_NUM_THREADS=1 PYTHONHASHSEED=0
$PY -c 'import torch, onnx' 2>/dev/null || { echo "PyTorch and ONNX are missing: apt-get install -y python3-torch python3-onnx libopenblas0-pthread" >&2; exit 1; }
$PY ml/prepare_data.py
$PY ml/train_tokenizer.py --corpus ml/build/data/tokenizer-corpus.txt --out ml/build/tokenizer --size 8000 --max-length 64
for task in lang sentiment intent; do
  $PY -u ml/train.py --task "$task" --epochs "${EPOCHS:-6}" 2>&1 | grep -v -i warning
done
du -sh ml/models
