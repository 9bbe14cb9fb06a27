// The dashboard's refinement panels: the paths it serves a run's report, maps grid and t-SNE from,
// the live phase of the campaign's own refinement workflow, and the per-class comparison.

import { refinementRuns } from '../../../services/control/refinements';
import { ML_OUTPUT_NAME, aucText, classComparison, mlOutputPath, refinementPanels } from '../../../services/dashboard/refinement-view';
import { CAMPAIGN, currentRows, oddRows, olderRows } from '../control/refinement-fixture';

const WF = `refinement-${CAMPAIGN}`;

describe('refinement panels', () => {
  const runs = refinementRuns([...currentRows, ...olderRows, ...oddRows]);
  const live = { workflowId: WF, status: 'RUNNING', progress: { phase: 'gap-check-refined', refinedBatches: 20, totalBatches: 20 } };

  it("link the refined check's report and maps grid and both t-SNE plots; the campaign's own workflow shows its phase", () => {
    const panels = refinementPanels(CAMPAIGN, runs, live);
    const current = panels.find((p) => p.workflowId === WF)!;
    expect(current.files).toEqual({
      report: `/api/campaigns/${CAMPAIGN}/ml/${WF}-gap-refined/report.html`,
      mapsGrid: `/api/campaigns/${CAMPAIGN}/ml/${WF}-gap-refined/maps_grid.png`,
      tsneRaw: `/api/campaigns/${CAMPAIGN}/ml/${WF}-gap-raw/tsne.png`,
      tsneRefined: `/api/campaigns/${CAMPAIGN}/ml/${WF}-gap-refined/tsne.png`,
    });
    expect(current.live).toEqual({ status: 'RUNNING', phase: 'gap-check-refined', refinedBatches: 20, totalBatches: 20 });
    // An older run: the raw check's report, no maps grid; a run with no files links nothing.
    expect(panels.find((p) => p.workflowId === `${WF}-old`)!.files).toEqual({ report: `/api/campaigns/${CAMPAIGN}/ml/${WF}-old-gap-raw/report.html`, tsneRaw: `/api/campaigns/${CAMPAIGN}/ml/${WF}-old-gap-raw/tsne.png` });
    expect(panels.find((p) => p.workflowId === `${WF}-check`)).toMatchObject({ files: {} });
    expect(panels.filter((p) => p.live)).toHaveLength(1);
    expect(refinementPanels(CAMPAIGN, runs, { workflowId: WF, status: 'NOT_STARTED' }).find((p) => p.workflowId === WF)!.live).toEqual({ status: 'NOT_STARTED', phase: null, refinedBatches: null, totalBatches: null });
  });

  it('serve only plain output names of known types, percent-encoded in the path', () => {
    for (const ok of ['report.html', 'tsne.png', 'maps_grid.png', 'report.json']) expect(ML_OUTPUT_NAME.test(ok)).toBe(true);
    for (const bad of ['../report.html', 'refiner.onnx', 'probe_signals.npy', 'a/b.png', '']) expect(ML_OUTPUT_NAME.test(bad)).toBe(false);
    expect(mlOutputPath('c 1', 'j/1', 'tsne.png')).toBe('/api/campaigns/c%201/ml/j%2F1/tsne.png');
  });

  it('compare classes across the checks, with a dash where a check has no figure', () => {
    const current = runs.find((r) => r.workflowId === WF)!;
    expect(classComparison(current.raw, undefined)).toEqual([
      { defectClass: 'general', real: 40, synthetic: { raw: 200, refined: null }, cnnAuc: { raw: 0.95, refined: null }, depthMae: { raw: 6.1, refined: null } },
      { defectClass: 'pinhole', real: 3, synthetic: { raw: 12, refined: null }, cnnAuc: { raw: null, refined: null }, depthMae: { raw: null, refined: null } },
    ]);
    expect(classComparison(undefined, undefined)).toEqual([]);
    expect(aucText(0.5)).toBe('0.500');
    expect(aucText(undefined, [0.1, 0.2])).toBe('-');
  });
});
