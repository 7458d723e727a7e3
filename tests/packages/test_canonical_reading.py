"""The fast reading of a canonical record file admits exactly what the strict reader admits."""

from __future__ import annotations

import pytest

from lowcarbon_desk.packages.jsondoc import JsonProblem, load_canonical_object, load_json_object

FILES = [
    b'{"a":1,"b":[1.5,-0.25,null,true],"c":{"d":"\xe4\xb8\xad"}}',
    b'{"a":1,"a":2}',  # a key twice
    b'{"a":NaN}', b'{"a":Infinity}', b'{"a":-1e999}', b'{"a":1e400}',
    b'{"a":' + b"1" * 20 + b"}", b'{"a":' + b"9" * 19 + b"}", b'{"a":"' + b"1" * 25 + b'"}',
    b'{"a":"\\ud800"}', b'{"a":"\\ud83d\\ude00"}',
    b'{"b":1,"a":2}', b'{"a": 1}', b'{"a":1E5}', b"[1]", b'"a"',
    b'{"a":' + b"[" * 40 + b"]" * 40 + b"}", b'{"a":' + b"[" * 20 + b"]" * 20 + b"}",
    b'{"a":"\xff"}', b"{not json",
    # integers past 19 digits wherever they sit: negative, in a list, deep down, at the depth limit
    b'{"a":-' + b"1" * 20 + b"}", b'{"a":-' + b"9" * 19 + b"}", b'{"a":[1,2,' + b"1" * 20 + b"]}",
    b'{"a":{"b":[{"c":' + b"1" * 21 + b"}]}}", b'{"a":' + b"[" * 31 + b"1" * 20 + b"]" * 31 + b"}",
    b'{"a":' + b"1" * 5000 + b"}", b'{"a":' + b"1" * 20 + b".5}", b'{"a":0.' + b"1" * 30 + b"}",
]


@pytest.mark.parametrize("content", FILES)
def test_the_fast_reading_admits_only_what_the_strict_reader_admits(content: bytes) -> None:
    fast = load_canonical_object(content)
    try:
        strict = load_json_object(content)
    except JsonProblem:
        assert fast is None
        return
    assert fast is None or fast == strict


def test_a_canonical_file_is_read_by_the_fast_reading() -> None:
    assert load_canonical_object(FILES[0]) == {"a": 1, "b": [1.5, -0.25, None, True], "c": {"d": "中"}}
    assert load_canonical_object(b'{"a":' + b"9" * 19 + b"}") == {"a": int("9" * 19)}


def test_digits_in_text_are_read_by_the_fast_reading() -> None:
    """A long run of digits in a string is text, not a number: nothing for the strict reader."""
    content = b'{"a":"' + b"1" * 25 + b'","b":[' + b"9" * 19 + b"]}"
    assert load_canonical_object(content) == {"a": "1" * 25, "b": [int("9" * 19)]}
