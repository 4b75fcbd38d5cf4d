/*
 * `auth` of a Prometheus-API store: the managed services' own credentials (Amazon Managed Service
 * for Prometheus, Google Managed Prometheus, Azure Monitor workspaces), instead of the static
 * `bearerToken` / `basicAuth`. Secrets (`credentials`, `clientSecret`, `externalId`) are
 * `@visibility secret` in config.d.ts; AWS keys live in the `aws` integration config.
 */
import { Config } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import fs from 'fs';
import { AwsSigV4Authorizer } from '../sources/http/storeAuth/awsSigV4';
import {
  azureAuthorizer,
  googleAuthorizer,
} from '../sources/http/storeAuth/cloudTokens';
import { StoreAuthorizer } from '../sources/http/storeAuth/storeAuth';

/** Reads `<where>.auth`; `root` holds the `aws` integration config. */
export function storeAuthReader(
  root: Config,
): (c: Config, where: string) => StoreAuthorizer | undefined {
  let aws: AwsCredentialsManager | undefined;
  const awsCredentials = () =>
    (aws ??= DefaultAwsCredentialsManager.fromConfig(root));
  return (c, where) => {
    const auth = c.getOptionalConfig('auth');
    if (!auth) return undefined;
    if (c.has('bearerToken') || c.has('basicAuth'))
      throw new Error(
        `${where}: set auth or bearerToken/basicAuth, not both (both would send Authorization)`,
      );
    const type = auth.getString('type');
    if (type === 'aws')
      return new AwsSigV4Authorizer(
        {
          type,
          region: auth.getString('region'),
          service: auth.getOptionalString('service'),
          roleArn: auth.getOptionalString('roleArn'),
          externalId: auth.getOptionalString('externalId'),
        },
        awsCredentials(),
      );
    if (type === 'google') {
      const credentialsFile = auth.getOptionalString('credentialsFile');
      if (credentialsFile && !fs.existsSync(credentialsFile))
        throw new Error(
          `${where}.auth.credentialsFile: ${credentialsFile} does not exist`,
        );
      const credentials = auth.getOptionalString('credentials');
      if (credentials) {
        try {
          JSON.parse(credentials);
        } catch {
          throw new Error(
            `${where}.auth.credentials is not service-account JSON`,
          );
        }
      }
      return googleAuthorizer({ type, credentialsFile, credentials });
    }
    if (type === 'azure') {
      const clientSecret = auth.getOptionalString('clientSecret');
      const tenantId = auth.getOptionalString('tenantId');
      if (clientSecret && !(tenantId && auth.has('clientId')))
        throw new Error(
          `${where}.auth: clientSecret needs tenantId and clientId`,
        );
      return azureAuthorizer({
        type,
        tenantId,
        clientId: auth.getOptionalString('clientId'),
        clientSecret,
        authorityHost: auth.getOptionalString('authorityHost'),
        disableInstanceDiscovery: auth.getOptionalBoolean(
          'disableInstanceDiscovery',
        ),
        scope: auth.getOptionalString('scope'),
      });
    }
    throw new Error(
      `${where}.auth.type must be aws, google or azure, not '${type}'`,
    );
  };
}
