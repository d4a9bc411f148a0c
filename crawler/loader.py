"""Spider loader: one spider per [sources.NAME] table in govwatch.toml.

Adding a site is a config entry, not a class: the table names the spider
class that serves it (`spider = "site"` for the config-driven one, "generic"
for a site without selectors, or a dedicated class's name) and this loader
makes a subclass named after the source, so `scrapy list`, `scrapy crawl
zhenjiang_jsw` and `govwatch crawl zhenjiang_jsw` all see the same spiders.
"""

from __future__ import annotations

from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from crawler.spiders.base import config_from_settings


class SourceSpiderLoader(SpiderLoader):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        config = config_from_settings(settings)
        for name, source in config.sources.items():
            if name in self._spiders:  # a dedicated class named after the source wins
                continue
            base = self._spiders.get(source.spider)
            if base is None:
                from pipelines.config import ConfigError

                raise ConfigError(
                    f"{config.path} [sources.{name}]: spider = {source.spider!r} is not a spider "
                    f"(known: {', '.join(sorted(self._spiders))})"
                )
            self._spiders[name] = type(name, (base,), {"name": name, "source_name": name})
