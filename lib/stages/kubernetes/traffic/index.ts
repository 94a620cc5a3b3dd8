// The traffic API other stages (canaryRelease) use directly, and the trafficSplit stage.
export { readTrafficWeights, restoreTrafficWeights, setTrafficWeights, type TrafficChange } from './set-weights';
export { trafficSplit, trafficTargetOf, type TrafficSplitState } from './traffic-split';
export { TrafficError, type TrafficMirror, type TrafficRouter, type TrafficSnapshot, type TrafficTarget, type TrafficWeight } from './types';
