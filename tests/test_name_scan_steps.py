"""The name scan offers a token only to the steps that may take it (`NameScan.STEPS`): each
step's word check must be a condition of the step itself, or the scan would read otherwise."""

from __future__ import annotations

import dataclasses

from pipeline.extract.name_scan import NameScan, _Stop
from pipeline.extract.org_tokens import tokens_after

_TEXT = (
    "Chủ tịch UBND tỉnh Long An và Sở Tài nguyên và Môi trường, các khu công nghiệp (KCN) "
    "TP. HCM - Việt Nam & Cuba 2 lần về phòng, chống tham nhũng của Công ty TNHH dịch vụ "
    "Đất Kinh Tuyến số 1, khối cơ sở Viện Kiểm sát nhân dân tối cao and Ernst quỹ đất XIII"
)


def test_a_step_left_out_for_a_word_would_not_have_taken_it(ruleset):
    lexicon = ruleset.lexicon
    head_start = _TEXT.index("UBND")
    head_end = head_start + len("UBND")
    tokens = tokens_after(_TEXT, head_end, lexicon)
    fresh = NameScan(_TEXT, "UBND", head_end, tokens, lexicon, end=head_end)
    states = (fresh, dataclasses.replace(fresh, named=True, last_lower=True, capital_words=1))
    for i, (word, _, _) in enumerate(tokens):
        for step, applies in NameScan.STEPS:
            if applies(word, lexicon):
                continue
            for state in states:
                scan = dataclasses.replace(state, i=i)
                try:
                    taken = step(scan)
                except _Stop:
                    taken = True
                assert not taken, (step.__name__, word)
                assert scan == dataclasses.replace(state, i=i), (step.__name__, word)
