"""Fixtures of the record-engine tests: the hand-built extract of tests/records/fixtures/tiny.csv.

tiny.csv (period 2015-01-01 to 2018-12-31; every cost equals the number of days of its row):

====  ==========================================================  =====================
id    care                                                        years with care
====  ==========================================================  =====================
A     zonder verblijf 2015-03-01..2016-12-31, met verblijf 2017 H1  2015 2016 2017
B     jeugdbescherming 2015 Q1, again from 2017-05-01 (running)      2015 .... 2017 2018
C     jeugdreclassering 2016-06-01..2016-07-01                       2016
D     one period 2016-12-31..2017-01-01 (year boundary)             2016 2017
E     zonder verblijf and met verblijf in 2016 (two care types)      2016
F     ends 2016-10-31, back 2017-04-30 (within six months)           2016 2017
G     ends 2016-10-31, back 2017-05-01 (after six months), to 2018   2016 2017 2018
H     zonder verblijf from 2015-01-01, running                       2015 2016 2017 2018
====  ==========================================================  =====================

A (2005-07-01) and H (2003-07-01) have their birthday on 1 July.
"""

import pytest
from records_helpers import FIXTURES, PERIOD


@pytest.fixture(scope="module")
def tiny():
    import sdlib.records as rec

    return rec.open_extract(FIXTURES / "tiny.csv", period=PERIOD)
