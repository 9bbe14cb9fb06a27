// The parameter space as sampler axes: which parameters vary (and so consume a unit-cube
// dimension), and how a coordinate u in [0,1) maps to a parameter value.
import { PARAMETER_ORDER } from './constants';
import type { CategoricalParam, NumericParam, ParamName, ParameterSpace, SamplerKind } from './types';

export type ParamValue = number | string;

/** One sampler dimension; `N` names it (the parameter space's names unless a sampler has its own). */
export type Axis<N extends string = ParamName> =
  | { name: N; kind: 'fixed'; value: ParamValue }
  | { name: N; kind: 'continuous'; min: number; max: number }
  | { name: N; kind: 'discrete'; values: readonly ParamValue[] };

/** Levels of a grid range: `steps` evenly spaced values from min to max; steps = 1 means min. */
export function gridLevels(min: number, max: number, steps: number): number[] {
  if (steps <= 1) return [min];
  // Endpoints exact; interior points computed from min so the levels do not drift.
  return Array.from({ length: steps }, (_, k) => (k === steps - 1 ? max : min + ((max - min) * k) / (steps - 1)));
}

/** The axis of one parameter: a fixed value, a range (levels under grid) or a list. */
export function axisOf<N extends string>(name: N, param: NumericParam | CategoricalParam<string>, sampler: SamplerKind): Axis<N> {
  if (typeof param === 'number' || typeof param === 'string') return { name, kind: 'fixed', value: param };
  if ('values' in param) {
    const values: readonly ParamValue[] = param.values;
    return values.length === 1 ? { name, kind: 'fixed', value: values[0]! } : { name, kind: 'discrete', values };
  }
  if (sampler === 'grid') {
    // Validation guarantees steps under grid; treat a missing one as a single level defensively.
    const levels = gridLevels(param.min, param.max, param.steps ?? 1);
    return levels.length === 1 ? { name, kind: 'fixed', value: levels[0]! } : { name, kind: 'discrete', values: levels };
  }
  return param.min === param.max ? { name, kind: 'fixed', value: param.min } : { name, kind: 'continuous', min: param.min, max: param.max };
}

/** All parameters as axes, in PARAMETER_ORDER. */
export function parameterAxes(space: ParameterSpace, sampler: SamplerKind): Axis[] {
  return PARAMETER_ORDER.map((name) => axisOf(name, space[name], sampler));
}

export function isVarying<N extends string>(axis: Axis<N>): axis is Exclude<Axis<N>, { kind: 'fixed' }> {
  return axis.kind !== 'fixed';
}

/** Number of grid points; continuous axes have no finite count and make it Infinity. */
export function gridSize(axes: readonly Axis<string>[]): number {
  return axes.reduce((n, a) => n * (a.kind === 'discrete' ? a.values.length : a.kind === 'fixed' ? 1 : Infinity), 1);
}

/** Maps a unit coordinate to the axis's value: lists pick values[floor(u * n)], ranges interpolate. */
export function valueAt(axis: Axis<string>, u: number): ParamValue {
  switch (axis.kind) {
    case 'fixed':
      return axis.value;
    case 'continuous':
      return Math.min(axis.max, axis.min + u * (axis.max - axis.min));
    case 'discrete':
      return axis.values[Math.min(axis.values.length - 1, Math.floor(u * axis.values.length))]!;
  }
}
