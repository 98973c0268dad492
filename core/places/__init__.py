"""Places: resolve "Saitama", "さいたま", "埼玉", "Yokosuka City" or 笠間市 in a question to the
prefectures, national bodies and article cases they name (see `gazetteer` for the rules).

    tables    places of Japan from ``core/domain/places.toml`` (prefectures, regions, ministries)
    readings  kana, romaji and Sudachi readings of names
    aliases   every written form of every place, built from the tables and the article's cases
    gazetteer resolving a question's place mentions
"""
from core.places.gazetteer import Gazetteer, Place
from core.places.tables import (KIND_MUNICIPALITY, KIND_NATIONAL, KIND_PREFECTURE, Area, Prefecture,
                                areas, designated_cities, kanji_after, prefecture_prefix, prefectures, regions_en)

__all__ = ["Area", "Gazetteer", "KIND_MUNICIPALITY", "KIND_NATIONAL", "KIND_PREFECTURE", "Place",
           "Prefecture", "areas", "designated_cities", "kanji_after", "prefecture_prefix", "prefectures", "regions_en"]
