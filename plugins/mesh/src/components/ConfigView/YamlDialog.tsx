import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { CodeSnippet } from '@backstage/core-components';
import {
  MeshConfigObject,
  MeshWideConfigObject,
} from '@mesh-portal/plugin-mesh-common';
import { stringify } from 'yaml';

/**
 * The object as a manifest. The mesh-wide list (`GET /config`) carries `apiVersion`, labels and
 * annotations, which makes the YAML ready to re-apply; the entity `/config` route has only kind,
 * name and spec.
 */
export function toManifestYaml(
  object: MeshConfigObject | MeshWideConfigObject,
): string {
  const { ref, spec } = object;
  const wide = 'apiVersion' in object ? object : undefined;
  return stringify({
    ...(wide ? { apiVersion: wide.apiVersion } : {}),
    kind: ref.kind,
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      ...wide?.metadata,
    },
    spec: spec ?? {},
  });
}

export interface YamlDialogProps {
  object?: MeshConfigObject | MeshWideConfigObject;
  onClose: () => void;
}

/** Read-only YAML of an Istio object, with copy to clipboard. */
export function YamlDialog({ object, onClose }: YamlDialogProps) {
  return (
    <Dialog
      open={Boolean(object)}
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="mesh-yaml-title"
    >
      {object && (
        <>
          <DialogTitle id="mesh-yaml-title">
            {object.ref.kind} {object.ref.namespace}/{object.ref.name}
            {object.ref.cluster && ` (cluster ${object.ref.cluster})`}
          </DialogTitle>
          <DialogContent>
            <CodeSnippet
              text={toManifestYaml(object)}
              language="yaml"
              showCopyCodeButton
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
