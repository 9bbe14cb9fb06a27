// The package ships no types; this is the shape its README documents.
declare module 'parse-prometheus-text-format' {
  interface PrometheusMetric {
    value?: string;
    labels?: Record<string, string>;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }
  interface PrometheusFamily {
    name: string;
    help: string;
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    metrics: PrometheusMetric[];
  }
  function parsePrometheusTextFormat(text: string): PrometheusFamily[];
  export default parsePrometheusTextFormat;
}
