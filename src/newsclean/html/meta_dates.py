"""Dates as ISO 8601: what a page's metadata writes ("2024-05-03T15:47:42.389Z", RFC 2822) and
what its text shows ("Published on 06/01/2026 - 13:55 GMT+1", "3. Mai 2024, 15:47 Uhr",
"May 3, 2024 10:00 am EDT", "2025年1月13日").

`iso_date(raw)` gives "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" or the same with its offset
("+01:00"; "Z" and "UTC" are "+00:00"), or None when the string holds no date it can read
without guessing: "06/01/2026" (June 1st or January 6th) is None, "13/01/2026" is the 13th of
January, "06.01.2026" (dots: day first wherever they are written) is the 6th of January, and
"06.01.26 13:55" too (a two-digit year is this century's; only with a time, or alone). Only
the first 300 characters are read, with patterns of bounded repetition: linear time.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re

_CAP = 300

# Month names (casefolded) of the languages whose pages name months in Latin letters.
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
    "january jan januar jänner jaenner janvier janv enero ene gennaio gen janeiro januari stycznia",
    "february feb februar février fevrier févr fevr febrero febbraio fevereiro fev februari lutego",
    "march mar märz maerz mars marzo março marco maart marca",
    "april apr avril avr abril abr aprile kwietnia",
    "may mai mayo maggio mag maio mei maja",
    "june jun juni juin junio giugno giu junho czerwca",
    "july jul juli juillet juil julio luglio lug julho lipca",
    "august aug août aout agosto ago augustus sierpnia",
    "september sep sept septembre septiembre setiembre settembre set setembro września wrzesnia",
    "october oct oktober okt octobre octubre ottobre ott outubro out października pazdziernika",
    "november nov novembre noviembre novembro listopada",
    "december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro grudnia",
), start=1):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

_MONTH = "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_ZONE = (r"((?:utc|gmt)\s?[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|z|utc|gmt"
         r"|cest|cet|mesz|mez|bst|edt|est|cdt|cst|mdt|mst|pdt|pst|jst|kst|ist|wib|eest|eet)\b")
_TIME = (r"(?:[\s,;|–-]|\b(?:at|um|à|a las|alle|às|om|o|kl)\b\.?)*"
         r"(\d{1,2})[:h.](\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(am|pm|a\.m\.|p\.m\.)?"
         r"(?:\s*(?:uhr|h)\b)?\s*(?:" + _ZONE + r")?")
# Offsets of the zone names _ZONE knows; "ist" and an unknown name give no offset.
_ZONES = {"z": 0, "utc": 0, "gmt": 0, "cet": 60, "mez": 60, "cest": 120, "mesz": 120,
          "bst": 60, "eet": 120, "eest": 180, "edt": -240, "est": -300, "cdt": -300,
          "cst": -360, "mdt": -360, "mst": -420, "pdt": -420, "pst": -480, "jst": 540,
          "kst": 540, "wib": 420}

_ISO = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[t ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?"
                  r"\s*(?:" + _ZONE + r")?)?(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:t?(\d{2})(\d{2})(\d{2})?(z|[+-]\d{4})?)?$")
_DAY_MONTH = re.compile(r"(?<![\d.])(\d{1,2})(?:\.|er|º|°)?\s*(?:de\s+)?" + _MONTH
                        + r",?\s+(?:de\s+)?(\d{4})(?!\d)(?:" + _TIME + ")?")
_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)(?:"
                        + _TIME + ")?")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})(\.\s?|/|-)(\d{1,2})\2(\d{4})(?![\d.]\d)(?:" + _TIME + ")?")
_DOTTED_SHORT = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2})(?![\d.]\d)(?:" + _TIME + ")?")
_RFC_2822 = re.compile(r"[a-z]{3}, \d{1,2} [a-z]{3} \d{4} \d{1,2}:\d{2}")
_CJK = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
                  r"(?:[^\d]{0,6}?(\d{1,2})[:時시]\s*(\d{2}))?")


def iso_date(raw, *, human: bool = True) -> str | None:
    """`raw` as ISO 8601, or None (not a str, or no date read without guessing). `human`:
    also the forms a page's text shows (month names, day-first numbers)."""
    if not isinstance(raw, str):
        return None
    text = raw[:_CAP].strip().casefold()
    if not text:
        return None
    m = _ISO.search(text)
    if m:
        return _build(m[1], m[3], m[4], m[5], m[6], m[7], None, m[8])
    m = _COMPACT.match(text)
    if m:
        return _build(m[1], m[2], m[3], m[4], m[5], m[6], None, m[7])
    if _RFC_2822.match(text):  # "Fri, 03 May 2024 15:47:42 +0200"
        try:
            when = email.utils.parsedate_to_datetime(raw[:_CAP])
        except (TypeError, ValueError, IndexError, OverflowError):
            when = None
        if when is not None:
            return when.isoformat(timespec="seconds")
    if not human:
        return None
    m = _CJK.search(text)
    if m:
        return _build(m[1], m[2], m[3], m[4], m[5], None, None, None)
    m = _DAY_MONTH.search(text)
    if m:
        return _build(m[3], _MONTHS[m[2]], m[1], *m.groups()[3:8])
    m = _MONTH_DAY.search(text)
    if m:
        return _build(m[3], _MONTHS[m[1]], m[2], *m.groups()[3:8])
    m = _NUMERIC.search(text)
    if m:
        first, sep, second = int(m[1]), m[2], int(m[3])
        if sep[0] == "." or second <= 12 < first:
            day, month = first, second
        elif first <= 12 < second:
            day, month = second, first
        else:
            return None  # 06/01/2026: June 1st or January 6th
        return _build(m[4], month, day, *m.groups()[4:9])
    m = _DOTTED_SHORT.search(text)
    if m and (m[4] or len(m[0]) == len(text)):  # "25.04.24, 14:07", "25.4.24": this century's
        return _build(2000 + int(m[3]), m[2], m[1], *m.groups()[3:8])
    return None


def _build(year, month, day, hour=None, minute=None, second=None, ampm=None,
           zone=None) -> str | None:
    try:
        date = dt.date(int(year), int(month), int(day))
        if hour is None:
            return date.isoformat()
        h = int(hour)
        if ampm:
            if not 1 <= h <= 12:
                return date.isoformat()
            h = h % 12 + (12 if ampm.startswith("p") else 0)
        when = dt.datetime(date.year, date.month, date.day, h, int(minute), int(second or 0))
    except (ValueError, OverflowError):
        return None
    offset = _offset(zone)
    if offset is not None:
        when = when.replace(tzinfo=dt.timezone(dt.timedelta(minutes=offset)))
    return when.isoformat(timespec="seconds")


def _offset(zone: str | None) -> int | None:
    """Minutes east of UTC for "z", "+0200", "+02:00", "gmt+1", "utc-05:30", "cest"…"""
    if not zone:
        return None
    zone = zone.replace(" ", "")
    if zone in _ZONES:
        return _ZONES[zone]
    m = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?", zone)
    if not m:
        return None
    minutes = int(m[2]) * 60 + int(m[3] or 0)
    if minutes > 18 * 60:
        return None
    return minutes if m[1] == "+" else -minutes
