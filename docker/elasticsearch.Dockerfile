# Elasticsearch for compose.yaml: the official full distribution, optionally with the
# analysis-nori plugin (WITH_NORI=1). The application indexes Kiwi terms analysed by
# `standard`, so nori is not needed; it is there for operators who want a nori field beside.
ARG ES_VERSION=9.2.4
FROM docker.elastic.co/elasticsearch/elasticsearch:${ES_VERSION}
ARG WITH_NORI=0
RUN if [ "$WITH_NORI" = "1" ]; then bin/elasticsearch-plugin install --batch analysis-nori; fi
