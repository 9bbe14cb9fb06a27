import type { V1Endpoint, V1EndpointSlice } from '@kubernetes/client-node';
import { endpointStatesFromSlices } from '../../../services/discovery/endpoint-slices';

const ep = (ip: string, conditions: V1Endpoint['conditions'] = { ready: true }): V1Endpoint => ({ addresses: [ip], conditions });
const slice = (endpoints: V1Endpoint[], overrides: Partial<V1EndpointSlice> = {}): V1EndpointSlice => ({
  addressType: 'IPv4',
  ports: [{ name: 'grpc', port: 50051, protocol: 'TCP' }],
  endpoints,
  ...overrides,
});

describe('endpointStatesFromSlices', () => {
  it('keeps ready pods, drains terminating ones and skips pods not ready yet', () => {
    const states = endpointStatesFromSlices(
      [slice([ep('10.0.0.3'), ep('10.0.0.1', { ready: false, serving: true, terminating: true }), ep('10.0.0.2', { ready: false }), ep('10.0.0.4', {})])],
      'grpc',
    );
    expect(states).toEqual([{ address: '10.0.0.1:50051', terminating: true }, { address: '10.0.0.3:50051' }, { address: '10.0.0.4:50051' }]);
  });

  it('uses the named port of each slice and formats IPv6', () => {
    const states = endpointStatesFromSlices(
      [
        slice([ep('10.0.0.1')], { ports: [{ name: 'metrics', port: 9090 }, { name: 'grpc', port: 6000 }] }),
        slice([ep('fd00::1')], { addressType: 'IPv6' }),
        slice([ep('10.0.0.9')], { ports: [{ name: 'other', port: 1 }] }),
        slice([ep('solver.example')], { addressType: 'FQDN' }),
      ],
      'grpc',
    );
    expect(states.map((s) => s.address).sort()).toEqual(['10.0.0.1:6000', '[fd00::1]:50051']);
  });

  it('counts an address as ready when any slice says so (slices split mid-update)', () => {
    const terminating = slice([ep('10.0.0.1', { ready: false, terminating: true })]);
    const ready = slice([ep('10.0.0.1')]);
    expect(endpointStatesFromSlices([terminating, ready], 'grpc')).toEqual([{ address: '10.0.0.1:50051' }]);
    expect(endpointStatesFromSlices([ready, terminating], 'grpc')).toEqual([{ address: '10.0.0.1:50051' }]);
  });

  it('returns nothing for no slices', () => {
    expect(endpointStatesFromSlices([], 'grpc')).toEqual([]);
  });
});
