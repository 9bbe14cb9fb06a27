"""Pure parts of the GetDP reference driver: extents, sensors, mirroring, validation, Richardson.

/usr/bin/python3 -m pytest -q -p no:cacheprovider services/reference-solver/tests
"""

import math
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import getdp_mfl as g  # noqa: E402


def test_extents_are_those_of_the_fem_mesh():
    case = g.load_case('v01')  # t 10, 20 x 20, far side 50 %, lift-off 2, 64 x 32 at 2 x 4 mm
    geo = g.geometry(case)
    # core_x = max(L/2, 63, 2t) = 63; margin max(150, 126) = 150
    assert geo['X'] == pytest.approx(213.0)
    assert geo['Y'] == pytest.approx(62.0 + 150.0)
    assert geo['zmin'] == pytest.approx(-10.0 - 150.0)
    assert geo['zmax'] == pytest.approx(2.0 + 150.0)
    assert (geo['dz0'], geo['dz1']) == pytest.approx((-10.0, -5.0))  # far side: z in [-t, -t + d]
    wide = g.geometry({**case, 'defectLengthMm': 400.0, 'side': 'near'})
    assert wide['X'] == pytest.approx(200.0 + 400.0)  # margin = 2 core_x beyond core_x = 200
    assert (wide['dz0'], wide['dz1']) == pytest.approx((-5.0, 0.0))


def test_sensor_axes_are_the_positive_half_of_the_centred_grid():
    xs, ys = g.sensor_axes(g.load_case('v01'))
    assert xs[0] == pytest.approx(1.0) and xs[-1] == pytest.approx(63.0) and len(xs) == 32
    assert ys[0] == pytest.approx(2.0) and ys[-1] == pytest.approx(62.0) and len(ys) == 16


def test_mirror_gives_bx_even_by_odd_bz_odd_in_x():
    case = {'axialCount': 4, 'circumferentialCount': 2}
    quarter = [[[1.0], [2.0]], [[3.0], [4.0]], [[5.0], [6.0]]]  # [channel][x>0][y>0]
    bx, by, bz = g.mirror(quarter, case)
    assert bx == [[2.0, 2.0], [1.0, 1.0], [1.0, 1.0], [2.0, 2.0]]
    assert by == [[4.0, -4.0], [3.0, -3.0], [-3.0, 3.0], [-4.0, 4.0]]
    assert bz == [[-6.0, -6.0], [-5.0, -5.0], [5.0, 5.0], [6.0, 6.0]]


@pytest.mark.parametrize('patch, message', [
    ({'wallThicknessMm': -1}, 'wallThicknessMm: must be a number in [1.0, 100.0], got -1'),
    ({'side': 'inner'}, "side: must be 'near' or 'far', got 'inner'"),
    ({'profile': 'conical'}, "profile: must be 'rectangular' or 'rounded', got 'conical'"),
    ({'axialCount': 63}, 'axialCount: must be an even integer >= 2 (sensors mirror about the defect centre), got 63'),
])
def test_validation_names_the_field_and_what_is_allowed(patch, message):
    with pytest.raises(g.InputError) as err:
        g.validate_case({**g.load_case('v01'), **patch})
    assert str(err.value) == message


def test_richardson_recovers_order_and_limit():
    levels = [{'meshSizeMm': h, 'f': 50.0 - 0.3 * h ** 2} for h in (2.0, 1.4, 0.98)]
    r = g.richardson(levels, 'f')
    assert r['order'] == pytest.approx(2.0, abs=1e-3)
    assert r['value'] == pytest.approx(50.0, abs=1e-3)
    oscillating = [{'meshSizeMm': h, 'f': v} for h, v in ((2.0, 1.0), (1.4, 2.0), (0.98, 1.5))]
    assert g.richardson(oscillating, 'f') is None
    growing = [{'meshSizeMm': h, 'f': v} for h, v in ((2.0, 49.26), (1.4, 49.48), (0.98, 50.21))]
    assert g.richardson(growing, 'f') is None


def test_pearson():
    a = [[1.0, 2.0], [3.0, 4.0]]
    assert g.pearson(a, [[2.0, 4.0], [6.0, 8.0]]) == pytest.approx(1.0)
    assert g.pearson(a, [[-1.0, -2.0], [-3.0, -4.0]]) == pytest.approx(-1.0)
    assert math.isnan(g.pearson(a, [[1.0, 1.0], [1.0, 1.0]]))
