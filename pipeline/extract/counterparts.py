"""Officials named as someone's counterpart: `Tổng thống Mỹ Donald Trump và người đồng cấp Nga
Vladimir Putin` makes Putin `Tổng thống Nga`.

`người đồng cấp` + a country says the name holds, in that country, the post of the holder the
sentence names before it (dev gold: `Tổng thống Thổ Nhĩ Kỳ` Erdogan, `Ngoại trưởng Mỹ` Pompeo).
The counterpart's posts are read as the nearest chain of posts before it with its country
changed (`Bộ trưởng Quốc phòng Mỹ` → `Bộ trưởng Quốc phòng Trung Quốc`) or, where that chain
names no country, with the counterpart's country after it (`Tổng thống Trump` → `Tổng thống
Iran`). A sentence with no post before the counterpart (`ông Suh sẽ gặp người đồng cấp Mỹ`)
gives none.
"""

from __future__ import annotations

from pipeline.engine.contracts import Found, Match, Reject, normalizer
from pipeline.extract.lexicon import Lexicon
from pipeline.extract.officials import GAZETTEERS, officials_values
from pipeline.extract.posts import is_person, name_after_posts, parse_posts


def _peer_chain(sentence: str, before: int, lexicon: Lexicon) -> str | None:
    """The nearest chain of posts that ends before `before`, its prefix (`cựu`, `tân`) left
    out: the counterpart holds the post now. A title read inside an earlier chain (`tham mưu
    trưởng` of `Chủ tịch Hội đồng tham mưu trưởng liên quân`) is part of that chain."""
    chain = None
    chain_end = 0
    for found in lexicon.titles.title.finditer(sentence, 0, before):
        start = found.start("title")
        if start < chain_end or (start and sentence[start - 1].isalpha()):
            continue
        posts, end = parse_posts(sentence, start, lexicon, after_a_name=False)
        if posts and end <= before:
            chain, chain_end = sentence[start:end].strip(), end
    return chain


@normalizer("officials.counterpart", groups=("country",), gazetteers=GAZETTEERS)
def counterpart(match: Match, lexicon: Lexicon) -> list[Found] | Reject:
    """`người đồng cấp Nga Vladimir Putin` after `Tổng thống Mỹ Donald Trump`."""
    sentence = match.sentence.text
    country_start, country_end = match.spans["country"]
    chain = _peer_chain(sentence, match.start, lexicon)
    if chain is None:
        return Reject("no-post-before")
    words = chain.split()
    peer_country = lexicon.titles.countries.trailing(words)
    if peer_country == len(words):
        return Reject("no-post-before")
    own = " ".join([*words[: len(words) - peer_country], sentence[country_start:country_end]])
    # the counterpart's posts and the name after them, read as if the text wrote them so
    written = own + sentence[country_end:]
    posts, end = parse_posts(written, 0, lexicon, after_a_name=False)
    if not posts:
        return Reject("no-post-before")
    name = name_after_posts(written, end, posts, lexicon)
    if name is None:
        return Reject("no-name-after-posts")
    if not is_person(name.person, lexicon):
        return Reject("not-a-person", name.person)
    values = officials_values(posts, name.person, name.honorific, lexicon)
    if not posts[-1].organization:
        values["organization"] = ""  # `Tổng thống Nga`: no Chính phủ of Vietnam implied
    return [Found(match.start, country_end + name.end - len(own), values)]
