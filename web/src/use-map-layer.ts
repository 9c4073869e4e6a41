import { useEffect, useState } from 'react';
import { loadLayer, type MapFeature, type MapLayer } from './map-layers.ts';

export type LayerState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ok'; readonly features: ReadonlyArray<MapFeature> }
  | { readonly kind: 'error'; readonly error: unknown };

/** The features of a layer once loaded, or the error. */
export function useMapLayer(layer: MapLayer) {
  const [state, setState] = useState<LayerState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    loadLayer(layer)
      .then((features) => live && setState({ kind: 'ok', features }))
      .catch((error: unknown) => live && setState({ kind: 'error', error }));
    return () => {
      live = false;
    };
  }, [layer]);
  return state;
}
