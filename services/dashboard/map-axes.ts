// The axes of a signal map in mm: where each sensor sits along the pipe axis and around the
// circumference, as the solver placed it (centred on the defect), plus round ticks to label them.

import { gridCoordinate } from '../solver/models/dipole';
import { SIGNAL_CHANNELS, type SensorGridSpec } from '../domain/defect';
import { niceStep, ticksBetween, type Tick } from './ticks';

export interface MapAxis {
  title: string;
  unit: 'mm';
  pitchMm: number;
  /** Sensor i's position, mm from the defect's centre. */
  positionsMm: number[];
  /** The outer edges of the first and last sensors' cells, where the heatmap ends. */
  minMm: number;
  maxMm: number;
  ticks: Tick[];
}

export interface MapAxes {
  axial: MapAxis;
  circumferential: MapAxis;
  liftOffMm: number;
}

export interface ChannelInfo {
  name: string;
  /** The field component's direction, in the solver's frame (types.ts). */
  direction: string;
  /** The stored maps are in tesla; a leakage signal is a few mT, so the page shows mT. */
  unit: 'mT';
}

const MAX_TICKS = 7;

const DIRECTIONS: Record<(typeof SIGNAL_CHANNELS)[number], string> = { Bx: 'axial', By: 'circumferential', Bz: 'radial' };

export function sensorAxis(title: string, count: number, pitchMm: number): MapAxis {
  const positionsMm = Array.from({ length: count }, (_, i) => gridCoordinate(i, count, pitchMm));
  const first = positionsMm[0] ?? 0;
  const last = positionsMm[count - 1] ?? 0;
  return {
    title,
    unit: 'mm',
    pitchMm,
    positionsMm,
    minMm: first - pitchMm / 2,
    maxMm: last + pitchMm / 2,
    ticks: ticksBetween(first, last, niceStep(first, last, MAX_TICKS)),
  };
}

export function mapAxes(grid: SensorGridSpec): MapAxes {
  return {
    axial: sensorAxis('axial position', grid.axialCount, grid.axialPitchMm),
    circumferential: sensorAxis('circumferential position', grid.circumferentialCount, grid.circumferentialPitchMm),
    liftOffMm: grid.liftOffMm,
  };
}

/** The first `count` channels of a map, with their direction and display unit. */
export function channelInfo(count: number): ChannelInfo[] {
  return SIGNAL_CHANNELS.slice(0, count).map((name) => ({ name, direction: DIRECTIONS[name], unit: 'mT' }));
}
