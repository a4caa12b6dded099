# opmodel's server: the wheel built from this checkout, installed with the PostgreSQL driver.
# Every page, stylesheet and API-docs file is inside the installed packages: nothing is
# fetched at run time. Run it with compose.yaml (docs/deployment.md).

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
RUN python -m pip wheel --no-deps --no-cache-dir --wheel-dir /dist .

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OPMODEL_DATA_DIR=/var/lib/opmodel
COPY --from=build /dist /tmp/dist
RUN wheel="$(ls /tmp/dist/opmodel-*.whl)" \
    && python -m pip install --no-cache-dir "${wheel}[postgres]" \
    && rm -rf /tmp/dist \
    && useradd --system --uid 10001 --create-home --home-dir /var/lib/opmodel opmodel
USER opmodel
WORKDIR /var/lib/opmodel
VOLUME ["/var/lib/opmodel"]
EXPOSE 8000
# the web server alone: jobs run in `opmodel worker` containers (compose.yaml's worker)
CMD ["opmodel", "serve", "--host", "0.0.0.0", "--port", "8000", "--no-job-worker"]
