import { Content, Header, Page } from '@backstage/core-components';
import { MeshOverviewContent } from './MeshOverviewContent';

/** The `/mesh` page: the catalog-wide overview with Backstage's page frame. */
export function MeshOverviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Service mesh"
        subtitle="Traffic, health and mTLS of every catalog entity in the mesh"
      />
      <Content>
        <MeshOverviewContent />
      </Content>
    </Page>
  );
}
