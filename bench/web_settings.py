"""Settings of the web benchmarks (B4, W1): the project's, with the benchmark's URLconf, which
adds B4's peer view beside the product's URLs (never in the product's own URLconf)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.web_urls"
