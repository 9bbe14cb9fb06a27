#!/usr/bin/python3
"""Independent reference solve of synthflux's MFL problem with Gmsh + GetDP.

Solves exactly the problem that services/solver/models/fem/README.md defines (flat steel plate
-t <= z <= 0, box or semi-ellipsoidal defect, total scalar potential phi with phi = -H0 x on both x faces, natural
elsewhere, same domain extents, TEAM 13 B-H law sampled from the fem model's own interpolant)
with an established open code: Gmsh meshes the quarter x >= 0, y >= 0 with tetrahedra refined
around the defect and the sensor plane, GetDP solves with second-order (hierarchical P2) nodal
elements and Newton's method, and evaluates B at the sensor points inside their elements.

Usage (run with Debian's /usr/bin/python3, which sees python3-gmsh):
  services/reference-solver/getdp_mfl.py --case v01 --h 1.5 [--out result.json] [--keep DIR]
  services/reference-solver/getdp_mfl.py --case-json '{"wallThicknessMm": 10, ...}' --h 2
Prints Bz peak-to-peak and Bx peak (mT), DOFs and times; --out writes the maps as JSON.
"""

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CASES_FILE = os.path.join(REPO, 'test', 'bench', 'fem-verification-cases.json')
MIN_MARGIN_MM = 150.0  # as services/solver/models/fem/mesh.ts
MU0 = 4e-7 * math.pi

# Physical group tags shared by the mesh and the .pro file.
STEEL, AIR, X_MIN, X_MAX = 1, 2, 11, 12

CASE_FIELDS = {
    'wallThicknessMm': (1.0, 100.0),
    'defectLengthMm': (0.5, 500.0),
    'defectWidthMm': (0.5, 500.0),
    'defectDepthPercent': (1.0, 100.0),
    'backgroundFieldKAPerM': (0.1, 200.0),
    'liftOffMm': (0.1, 50.0),
}


class InputError(ValueError):
    """Bad input; exit status 2."""


class NotConverged(RuntimeError):
    """Newton did not reach the tolerance; exit status 3 (never a silent result)."""


def validate_case(case):
    """Checks the inputs this driver supports; every error names the field and what is allowed."""
    for field, (lo, hi) in CASE_FIELDS.items():
        v = case.get(field)
        if not isinstance(v, (int, float)) or not (lo <= v <= hi):
            raise InputError(f'{field}: must be a number in [{lo}, {hi}], got {v!r}')
    if case.get('side') not in ('near', 'far'):
        raise InputError(f"side: must be 'near' or 'far', got {case.get('side')!r}")
    if case.get('profile', 'rectangular') not in ('rectangular', 'rounded'):
        raise InputError(f"profile: must be 'rectangular' or 'rounded', got {case.get('profile')!r}")
    for field in ('axialPitchMm', 'circumferentialPitchMm'):
        if not isinstance(case.get(field), (int, float)) or case[field] <= 0:
            raise InputError(f'{field}: must be a positive number (mm), got {case.get(field)!r}')
    for field in ('axialCount', 'circumferentialCount'):
        v = case.get(field)
        if not isinstance(v, int) or v < 2 or v % 2:
            raise InputError(f'{field}: must be an even integer >= 2 (sensors mirror about the defect centre), got {v!r}')


def load_case(case_id):
    with open(CASES_FILE) as f:
        spec = json.load(f)
    for c in spec['cases']:
        if c['id'] == case_id:
            return {**spec['sensorGrid'], **c}
    raise InputError(f"case: unknown id {case_id!r}; allowed: {', '.join(c['id'] for c in spec['cases'])}")


def geometry(case):
    """Extents in mm, exactly those of the fem model's mesh.ts (quarter: x >= 0, y >= 0)."""
    t = case['wallThicknessMm']
    a = case['defectLengthMm'] / 2
    b = case['defectWidthMm'] / 2
    depth = case['defectDepthPercent'] / 100 * t
    lift = case['liftOffMm']
    sx = (case['axialCount'] - 1) / 2 * case['axialPitchMm']
    sy = (case['circumferentialCount'] - 1) / 2 * case['circumferentialPitchMm']
    core_x = max(a, sx, 2 * t)
    core_y = max(b, sy, 2 * t)
    margin = lambda core: max(MIN_MARGIN_MM, 2 * core)
    margin_z = margin(max(core_x, core_y))
    near = case['side'] == 'near'
    return {
        't': t, 'a': a, 'b': b, 'depth': depth, 'lift': lift, 'sx': sx, 'sy': sy,
        'X': core_x + margin(core_x), 'Y': core_y + margin(core_y),
        'zmin': -t - margin_z, 'zmax': lift + margin_z,
        'dz0': -depth if near else -t, 'dz1': 0.0 if near else -t + depth,
        'rounded': case.get('profile', 'rectangular') == 'rounded',
        # The semi-ellipsoid's centre: on the surface the defect opens to.
        'zc': 0.0 if near else -t,
    }


def sensor_axes(case):
    """Positive-quadrant sensor coordinates (mm): x_a = (a - (n-1)/2) pitch for the upper half."""
    na, nc = case['axialCount'], case['circumferentialCount']
    xs = [(i - (na - 1) / 2) * case['axialPitchMm'] for i in range(na // 2, na)]
    ys = [(j - (nc - 1) / 2) * case['circumferentialPitchMm'] for j in range(nc // 2, nc)]
    return xs, ys


def build_mesh(case, h, msh_path, threads=1):
    """Tetrahedral mesh of the quarter domain; h (mm) is the element size at the defect."""
    import gmsh

    g = geometry(case)
    gmsh.initialize(['-noenv'])
    try:
        gmsh.option.setNumber('General.Terminal', 0)
        gmsh.option.setNumber('General.NumThreads', threads)
        gmsh.model.add('mfl')
        occ = gmsh.model.occ
        air = occ.addBox(0, 0, g['zmin'], g['X'], g['Y'], g['zmax'] - g['zmin'])
        plate = occ.addBox(0, 0, -g['t'], g['X'], g['Y'], g['t'])
        tools = [(3, plate)]
        if g['depth'] > 0:
            defect_box = occ.addBox(0, 0, g['dz0'], g['a'], g['b'], g['dz1'] - g['dz0'])
            if g['rounded']:
                # The pit as mesh.ts defectDepthAt defines it: the ellipsoid with semi-axes a, b,
                # depth centred on the open surface, clipped to the quarter inside the wall.
                ellipsoid = occ.addSphere(0, 0, g['zc'], 1)
                occ.dilate([(3, ellipsoid)], 0, 0, g['zc'], g['a'], g['b'], g['depth'])
                pit, _ = occ.intersect([(3, ellipsoid)], [(3, defect_box)])
                tools.extend(pit)
            else:
                tools.append((3, defect_box))
        occ.fragment([(3, air)], tools)
        occ.synchronize()

        steel, air_vols = [], []
        for dim, tag in gmsh.model.getEntities(3):
            # By centre of mass: the defect's lies inside its bounding box, the wall's around it
            # does not (OCC's bounding boxes of curved volumes are loose, so not those).
            mx, my, mz = gmsh.model.occ.getCenterOfMass(dim, tag)
            in_wall = -g['t'] < mz < 0
            in_defect = g['depth'] > 0 and mx < g['a'] and my < g['b'] and g['dz0'] < mz < g['dz1']
            (steel if in_wall and not in_defect else air_vols).append(tag)
        x_min, x_max = [], []
        for dim, tag in gmsh.model.getEntities(2):
            x0, _, _, x1, _, _ = gmsh.model.getBoundingBox(dim, tag)
            if abs(x1) < 1e-3:
                x_min.append(tag)
            elif abs(x0 - g['X']) < 1e-3:
                x_max.append(tag)
        gmsh.model.addPhysicalGroup(3, steel, STEEL)
        gmsh.model.addPhysicalGroup(3, air_vols, AIR)
        gmsh.model.addPhysicalGroup(2, x_min, X_MIN)
        gmsh.model.addPhysicalGroup(2, x_max, X_MAX)

        # Sizes: h around the defect and in the lift-off gap above it (where the leakage field
        # varies fastest), 2h over the sensor footprint in the wall and gap, 4h in the rest of the
        # wall's core, growing to the far boundary.
        f = gmsh.model.mesh.field
        lift, t = g['lift'], g['t']
        reach = max(4.0, 2 * lift, 0.5 * t)

        def box(v_in, x1, y1, z0, z1, thickness, v_out):
            tag = f.add('Box')
            f.setNumber(tag, 'VIn', v_in)
            f.setNumber(tag, 'VOut', v_out)
            f.setNumber(tag, 'XMin', -1.0)
            f.setNumber(tag, 'XMax', x1)
            f.setNumber(tag, 'YMin', -1.0)
            f.setNumber(tag, 'YMax', y1)
            f.setNumber(tag, 'ZMin', z0)
            f.setNumber(tag, 'ZMax', z1)
            f.setNumber(tag, 'Thickness', thickness)
            return tag

        h_far = max(20.0, 10 * h)
        fields = [
            box(h, g['a'] + reach, g['b'] + reach, min(g['dz0'], 0) - reach / 2, lift + reach / 2, 6 * h, h_far),
            box(2 * h, g['sx'] + 2 * h, g['sy'] + 2 * h, -t, lift + 2 * h, 12 * h, h_far),
            box(4 * h, g['sx'] + 4 * t, g['sy'] + 4 * t, -t - t / 2, lift + t / 2, 20 * h, h_far),
        ]
        fmin = f.add('Min')
        f.setNumbers(fmin, 'FieldsList', fields)
        f.setAsBackgroundMesh(fmin)
        gmsh.option.setNumber('Mesh.MeshSizeExtendFromBoundary', 0)
        gmsh.option.setNumber('Mesh.MeshSizeFromPoints', 0)
        gmsh.option.setNumber('Mesh.MeshSizeFromCurvature', 0)
        gmsh.option.setNumber('Mesh.MeshSizeMax', h_far)
        gmsh.option.setNumber('Mesh.Algorithm3D', 10 if threads > 1 else 1)
        gmsh.option.setNumber('Mesh.MshFileVersion', 2.2)  # GetDP without Gmsh support reads 2.2
        gmsh.option.setNumber('Mesh.ScalingFactor', 1e-3)  # geometry in mm, the .pro in SI
        gmsh.model.mesh.generate(3)
        node_tags, _, _ = gmsh.model.mesh.getNodes()
        elem_types, elem_tags, _ = gmsh.model.mesh.getElements(3)
        n_tets = sum(len(e) for e in elem_tags)
        gmsh.write(msh_path)
        return {'vertices': len(node_tags), 'tetrahedra': n_tets}
    finally:
        gmsh.finalize()


def bh_table(material):
    """The fem model's B-H law, sampled by its own code (bh-table.ts)."""
    out = subprocess.run(
        ['npx', '--no-install', 'tsx', os.path.join(HERE, 'bh-table.ts'), material],
        cwd=REPO, check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout)


def interp(xs, ys, x):
    lo, hi = 0, len(xs) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if xs[mid] <= x:
            lo = mid
        else:
            hi = mid
    return ys[lo] + (ys[hi] - ys[lo]) * (x - xs[lo]) / (xs[hi] - xs[lo])


def pro_text(case, table, xs, ys, g, tol, max_newton):
    h0 = case['backgroundFieldKAPerM'] * 1e3
    mm = 1e-3
    pairs = ', '.join(f'{h:.10g}, {b:.10g}' for h, b in zip(table['h'], table['b']))
    mur_h0 = interp(table['h'], table['b'], h0) / (MU0 * h0)
    fmt = lambda v: ', '.join(f'{x * mm:.10g}' for x in v)
    return f"""// Generated by services/reference-solver/getdp_mfl.py: the MFL problem of
// services/solver/models/fem/README.md, quarter x >= 0, y >= 0, SI units.
Relax() = {{1, 0.8, 0.6, 0.4, 0.2, 0.1, 0.05}};
Group {{
  Steel = Region[{STEEL}]; Air = Region[{AIR}];
  XMin = Region[{X_MIN}]; XMax = Region[{X_MAX}];
  Domain = Region[{{Steel, Air}}];
}}
Function {{
  mu0 = 4e-7 * Pi;
  H0 = {h0!r};
  XLength = {g['X'] * mm!r};
  // The fem model's B(H), densely sampled (bh-table.ts), interpolated linearly in |H|.
  HB = {{ {pairs} }};
  murH0 = {mur_h0!r};
  hn[] = Max[Norm[$1], 1e-3];
  bsteel[] = InterpolationLinear[$1]{{List[HB]}};
  dbsteel[] = dInterpolationLinear[$1]{{List[HB]}};
  // $Start = 1: the secant permeability at H0 everywhere (exact for a defect-free plate), the
  // first iterate. $Newton = 1 adds the tangent's anisotropic part (dB/dH - B/H) n n^T.
  mu[Air] = mu0;
  mu[Steel] = $Start * mu0 * murH0 + (1 - $Start) * bsteel[hn[$1]] / hn[$1];
  dbdh_NL[Steel] = $Newton * (dbsteel[hn[$1]] - bsteel[hn[$1]] / hn[$1]) / hn[$1]^2 * SquDyadicProduct[$1];
}}
Constraint {{
  {{ Name PhiVertex; Case {{ {{ Region XMin; Value 0; }} {{ Region XMax; Value -H0 * XLength; }} }} }}
  {{ Name PhiEdge; Case {{ {{ Region XMin; Value 0; }} {{ Region XMax; Value 0; }} }} }}
}}
Jacobian {{ {{ Name Vol; Case {{ {{ Region All; Jacobian Vol; }} }} }} }}
Integration {{
  {{ Name Gauss; Case {{ {{ Type Gauss; Case {{ {{ GeoElement Tetrahedron; NumberOfPoints 4; }} }} }} }} }}
}}
FunctionSpace {{
  {{ Name Hgrad_phi; Type Form0;
    BasisFunction {{
      {{ Name sn; NameOfCoef phin; Function BF_Node; Support Domain; Entity NodesOf[All]; }}
      {{ Name se; NameOfCoef phie; Function BF_Node_2E; Support Domain; Entity EdgesOf[All]; }}
    }}
    Constraint {{
      {{ NameOfCoef phin; EntityType NodesOf; NameOfConstraint PhiVertex; }}
      {{ NameOfCoef phie; EntityType EdgesOf; NameOfConstraint PhiEdge; }}
    }}
  }}
}}
Formulation {{
  {{ Name MagSta_phi; Type FemEquation;
    Quantity {{ {{ Name phi; Type Local; NameOfSpace Hgrad_phi; }} }}
    Equation {{
      Integral {{ [ mu[-{{d phi}}] * Dof{{d phi}}, {{d phi}} ]; In Domain; Jacobian Vol; Integration Gauss; }}
      Integral {{ JacNL [ dbdh_NL[-{{d phi}}] * Dof{{d phi}}, {{d phi}} ]; In Steel; Jacobian Vol; Integration Gauss; }}
    }}
  }}
}}
Resolution {{
  {{ Name Solve;
    System {{ {{ Name A; NameOfFormulation MagSta_phi; }} }}
    Operation {{
      InitSolution[A];
      Evaluate[$Start = 1]; Evaluate[$Newton = 0];
      GenerateJac[A]; SolveJac[A];
      Evaluate[$Start = 0];
      GenerateJac[A]; SolveJac[A];
      Evaluate[$Newton = 1];
      // Newton with a line search: of the step fractions Relax, SolveJac_AdaptRelax takes the one
      // with the smallest residual (a full step from the saturated start can overshoot into the
      // B-H knee beside the defect walls). The loop stops on the residual's norm.
      IterativeLoop[{max_newton}, {tol}, 1] {{
        GenerateJac[A]; SolveJac_AdaptRelax[A, List[Relax], 0];
      }}
      SaveSolution[A];
    }}
  }}
}}
PostProcessing {{
  {{ Name MagSta_phi; NameOfFormulation MagSta_phi;
    Quantity {{
      {{ Name b; Value {{ Term {{ [ - mu[-{{d phi}}] * {{d phi}} ]; In Domain; Jacobian Vol; }} }} }}
    }}
  }}
}}
PostOperation {{
  {{ Name Sensors; NameOfPostProcessing MagSta_phi;
    Operation {{
      Print[ b, OnGrid {{$A, $B, {g['lift'] * mm!r}}} {{ {{{fmt(xs)}}}, {{{fmt(ys)}}}, {{0}} }},
        Format SimpleTable, File "sensors.txt" ];
    }}
  }}
}}
"""


def parse_sensors(path, xs, ys, h0_si):
    """SimpleTable rows: element, then x y z Bx By Bz; returns quarter maps [x][y] of each channel."""
    by_point = {}
    with open(path) as f:
        for line in f:
            v = [float(s) for s in line.split()]
            if len(v) < 6:
                continue
            x, y, z = v[-6], v[-5], v[-4]
            by_point[(round(x * 1e6), round(y * 1e6))] = (v[-3], v[-2], v[-1])
    maps = [[[0.0] * len(ys) for _ in xs] for _ in range(3)]
    for i, x in enumerate(xs):
        for j, y in enumerate(ys):
            key = (round(x * 1e3), round(y * 1e3))
            if key not in by_point:
                raise RuntimeError(f'GetDP returned no value at sensor x={x} mm, y={y} mm')
            bx, by, bz = by_point[key]
            maps[0][i][j] = bx - MU0 * h0_si  # leakage field: background mu0 H0 x_hat removed
            maps[1][i][j] = by
            maps[2][i][j] = bz
    return maps


def mirror(quarter, case):
    """Full [axial][circumferential] maps from x > 0, y > 0: Bx even/even, By odd/odd, Bz odd in x."""
    na, nc = case['axialCount'], case['circumferentialCount']
    parity = [(1, 1), (-1, -1), (-1, 1)]
    full = []
    for ch in range(3):
        px, py = parity[ch]
        m = [[0.0] * nc for _ in range(na)]
        for a in range(na):
            qa, sa = (a - na // 2, 1) if a >= na // 2 else (na // 2 - 1 - a, px)
            for c in range(nc):
                qc, sc = (c - nc // 2, 1) if c >= nc // 2 else (nc // 2 - 1 - c, py)
                m[a][c] = sa * sc * quarter[ch][qa][qc]
        full.append(m)
    return full


def summary(full):
    bx, bz = full[0], full[2]
    flat = lambda m: [v for row in m for v in row]
    return {
        'bzPeakToPeakMT': (max(flat(bz)) - min(flat(bz))) * 1e3,
        'bxPeakMT': max(abs(v) for v in flat(bx)) * 1e3,
    }


def solve(case, h, material="team13", keep=None, tol=1e-15, max_newton=30, threads=1, log=sys.stderr):
    validate_case(case)
    if not (0.05 <= h <= 20):
        raise InputError(f'h: mesh size at the defect must be in [0.05, 20] mm, got {h!r}')
    for tool in ('getdp',):
        if shutil.which(tool) is None:
            raise RuntimeError(f'{tool} not found: run scripts/setup-reference.sh (Debian packages getdp gmsh python3-gmsh)')
    work = keep or tempfile.mkdtemp(prefix='getdp-mfl-')
    os.makedirs(work, exist_ok=True)
    try:
        g = geometry(case)
        xs, ys = sensor_axes(case)
        t0 = time.time()
        mesh = build_mesh(case, h, os.path.join(work, 'mfl.msh'), threads)
        t_mesh = time.time() - t0
        print(f"[reference] mesh h={h} mm: {mesh['vertices']} vertices, {mesh['tetrahedra']} tetrahedra, {t_mesh:.1f} s", file=log)
        table = bh_table(material)
        with open(os.path.join(work, 'mfl.pro'), 'w') as f:
            f.write(pro_text(case, table, xs, ys, g, tol, max_newton))
        # SolveJac's linear systems: CG preconditioned by algebraic multigrid (the tangent is
        # symmetric positive definite); the nonlinear loop stops on the relative Newton update.
        cmd = ['getdp', 'mfl.pro', '-msh', 'mfl.msh', '-solve', 'Solve', '-pos', 'Sensors', '-v', '4',
               '-ksp_type', 'cg', '-pc_type', 'hypre', '-pc_hypre_type', 'boomeramg', '-ksp_rtol', '1e-10',
               '-ksp_max_it', '2000']
        t1 = time.time()
        proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        t_solve = time.time() - t1
        with open(os.path.join(work, 'getdp.log'), 'w') as f:
            f.write(proc.stdout + proc.stderr)
        where = f'log in {work}/getdp.log' if keep else 'rerun with --keep DIR to keep its log'
        if proc.returncode != 0:
            raise RuntimeError(f'getdp exited {proc.returncode} ({where}):\n' + (proc.stdout + proc.stderr)[-3000:])
        out = proc.stdout + proc.stderr
        dofs = re.findall(r'System \d+/\d+: (\d+) Dofs', out)
        steps = re.findall(r'Nonlinear Residual norm ([0-9.eE+-]+) \(optimal relaxation factor = ([0-9.]+)\)', out)
        if 'IterativeLoop converged' not in out:
            last = steps[-1][0] if steps else 'none'
            raise NotConverged(f'GetDP Newton did not converge in {max_newton} steps (last residual norm {last} > {tol}); {where}')
        ksp = re.findall(r'^Info\s*:\s*(\d+) KSP Residual norm', out, re.M)
        quarter = parse_sensors(os.path.join(work, 'sensors.txt'), xs, ys, case['backgroundFieldKAPerM'] * 1e3)
        full = mirror(quarter, case)
        return {
            'meshSizeMm': h,
            'vertices': mesh['vertices'],
            'tetrahedra': mesh['tetrahedra'],
            'dofs': int(dofs[-1]) if dofs else None,
            'newtonIterations': len(steps),
            'newtonResidual': float(steps[-1][0]) if steps else None,
            'relaxation': [float(r) for _, r in steps],
            'linearIterations': sum(1 for k in ksp if int(k) > 0),
            'meshSeconds': round(t_mesh, 2),
            'solveSeconds': round(t_solve, 2),
            **{k: round(v, 4) for k, v in summary(full).items()},
            'maps': full,
            'log': out,
        }
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def pearson(a, b):
    fa = [v for row in a for v in row]
    fb = [v for row in b for v in row]
    n = len(fa)
    ma, mb = sum(fa) / n, sum(fb) / n
    sab = sum((x - ma) * (y - mb) for x, y in zip(fa, fb))
    saa = sum((x - ma) ** 2 for x in fa)
    sbb = sum((y - mb) ** 2 for y in fb)
    return sab / math.sqrt(saa * sbb) if saa > 0 and sbb > 0 else float('nan')


def tool_versions():
    import gmsh
    v = subprocess.run(['getdp', '--version'], capture_output=True, text=True)
    return {'getdp': (v.stdout + v.stderr).strip().splitlines()[0], 'gmsh': gmsh.__version__}


LEVEL_KEYS = ('meshSizeMm', 'vertices', 'tetrahedra', 'dofs', 'newtonIterations', 'newtonResidual',
              'linearIterations', 'meshSeconds', 'solveSeconds', 'bzPeakToPeakMT', 'bxPeakMT')


def richardson(levels, key):
    """Observed order and extrapolated value from the last three levels (constant size ratio)."""
    (h1, f1), (h2, f2), (h3, f3) = [(l['meshSizeMm'], l[key]) for l in levels[-3:]]
    r = h2 / h3
    if abs(h1 / h2 - r) > 0.02 * r or (f1 - f2) * (f2 - f3) <= 0:
        return None  # not in the asymptotic range (or the ratio is not constant): no extrapolation
    p = math.log((f1 - f2) / (f2 - f3)) / math.log(r)
    if not 0.5 <= p <= 6:
        return None  # changes that do not shrink like a power of h: not converging yet
    return {'order': round(p, 3), 'value': round(f3 + (f3 - f2) / (r ** p - 1), 4)}


def refinement_study(case_id, factors, out_dir, material='team13', append=False):
    """Solves one case at mesh sizes lift-off x factor, writing <out_dir>/<id>.json after each.

    With append, the levels already in the file stay and the new ones follow them.
    """
    case = load_case(case_id)
    path = os.path.join(out_dir, f'{case_id}.json')
    versions = tool_versions()
    record = {
        'caseId': case_id,
        'code': f"GetDP {versions['getdp']} + Gmsh {versions['gmsh']}, second-order tetrahedra",
        'codeVersions': versions,
        'case': case,
        'material': material,
        'method': 'Gmsh tetrahedra, GetDP hierarchical second-order nodal elements (BF_Node + BF_Node_2E), '
                  'total scalar potential, quarter domain, Newton with residual line search; '
                  'B evaluated at each sensor point in its element',
        'units': {'bx, bz': 'T, [axial][circumferential], background mu0 H0 removed', 'peaks': 'mT'},
        'levels': [],
    }
    previous = None
    if append and os.path.exists(path):
        with open(path) as f:
            record = json.load(f)
        last = record['levels'][-1]
        previous = {**last, 'maps': [record['bx'], None, record['bz']]}
    for factor in factors:
        h = round(case['liftOffMm'] * factor, 3)
        r = solve(case, h, material)
        level = {k: r[k] for k in LEVEL_KEYS}
        if previous is not None:
            level['bzPeakToPeakChangePercent'] = round(100 * (r['bzPeakToPeakMT'] / previous['bzPeakToPeakMT'] - 1), 3)
            level['bxPeakChangePercent'] = round(100 * (r['bxPeakMT'] / previous['bxPeakMT'] - 1), 3)
            level['bzCorrelationToPrevious'] = round(pearson(r['maps'][2], previous['maps'][2]), 6)
            level['bxCorrelationToPrevious'] = round(pearson(r['maps'][0], previous['maps'][0]), 6)
        record['levels'].append(level)
        record['bx'] = [[round(v, 6) for v in row] for row in r['maps'][0]]
        record['bz'] = [[round(v, 6) for v in row] for row in r['maps'][2]]
        converge(record, h)
        with open(path, 'w') as f:
            json.dump(record, f, separators=(',', ':'))
        print(f"{case_id} h {h} mm: DOFs {r['dofs']}, Newton {r['newtonIterations']}, {r['solveSeconds']} s; "
              f"Bz p-p {r['bzPeakToPeakMT']:.3f} mT, Bx peak {r['bxPeakMT']:.3f} mT"
              + (f"; change {level['bzPeakToPeakChangePercent']} % / {level['bxPeakChangePercent']} %" if previous else ''),
              flush=True)
        previous = r


def converge(record, map_mesh_size):
    """The record's converged peaks: Richardson from the last three levels where it applies, else the finest."""
    levels = record['levels']
    ext = {}
    if len(levels) >= 3:
        ext = {'bzPeakToPeakMT': richardson(levels, 'bzPeakToPeakMT'), 'bxPeakMT': richardson(levels, 'bxPeakMT')}
        record['richardson'] = ext
    basis = {}
    for key, out, short in (('bzPeakToPeakMT', 'bzPeakToPeakMt', 'bz'), ('bxPeakMT', 'bxPeakMt', 'bx')):
        e = ext.get(key)
        record[out] = e['value'] if e else levels[-1][key]
        basis[short] = 'richardson' if e else 'finest'
    record['convergedFrom'] = basis
    record['mapMeshSizeMm'] = map_mesh_size


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument('--case', help='id in test/bench/fem-verification-cases.json (e.g. v01)')
    src.add_argument('--case-json', help='a DefectCase plus sensor grid, as JSON')
    src.add_argument('--study', help='comma-separated case ids: refinement study, one JSON per case in --out-dir')
    p.add_argument('--h', type=float, help='element size at the defect, mm (--case, --case-json)')
    p.add_argument('--factors', default='1,0.7,0.49', help='--study: element sizes as multiples of the lift-off (a constant ratio allows Richardson extrapolation)')
    p.add_argument('--append', action='store_true', help='--study: add the levels to those already in the case\'s file')
    p.add_argument('--out-dir', default=os.path.join(REPO, 'test', 'bench', 'reference'))
    p.add_argument('--material', default='team13')
    p.add_argument('--out', help='write the result (maps included) as JSON here')
    p.add_argument('--keep', help='keep the .msh/.pro and logs in this folder')
    p.add_argument('--print-map', action='store_true', help='print the Bx and Bz maps (mT)')
    args = p.parse_args()
    try:
        if args.study:
            factors = [float(f) for f in args.factors.split(',')]
            os.makedirs(args.out_dir, exist_ok=True)
            for case_id in args.study.split(','):
                refinement_study(case_id.strip(), factors, args.out_dir, args.material, args.append)
            return
        if args.h is None:
            raise InputError('h: required with --case or --case-json (element size at the defect, mm)')
        case = load_case(args.case) if args.case else json.loads(args.case_json)
        r = solve(case, args.h, args.material, args.keep)
    except InputError as e:
        print(f'error: {e}', file=sys.stderr)
        sys.exit(2)
    except NotConverged as e:
        print(f'error: {e}', file=sys.stderr)
        sys.exit(3)
    print(f"h {r['meshSizeMm']} mm  DOFs {r['dofs']}  Newton {r['newtonIterations']}  mesh {r['meshSeconds']} s  solve {r['solveSeconds']} s")
    print(f"Bz peak-to-peak {r['bzPeakToPeakMT']:.3f} mT  Bx peak {r['bxPeakMT']:.3f} mT")
    if args.print_map:
        for name, ch in (('Bx', 0), ('Bz', 2)):
            print(f'{name} (mT), rows axial, columns circumferential:')
            for row in r['maps'][ch]:
                print(' '.join(f'{v * 1e3:7.2f}' for v in row))
    if args.out:
        with open(args.out, 'w') as f:
            json.dump({k: v for k, v in r.items() if k != 'log'}, f)


if __name__ == '__main__':
    main()
