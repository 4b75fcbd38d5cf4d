import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { CodeSnippet } from '@backstage/core-components';
import { MeshConfigObject } from '@mesh-portal/plugin-mesh-common';
import { stringify } from 'yaml';

/** The object as a manifest (kind, metadata, spec); the API version is not on the wire. */
export function toManifestYaml({ ref, spec }: MeshConfigObject): string {
  return stringify({
    kind: ref.kind,
    metadata: { name: ref.name, namespace: ref.namespace },
    spec: spec ?? {},
  });
}

export interface YamlDialogProps {
  object?: MeshConfigObject;
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
