import { readFileSync } from 'node:fs';
import { App, Stack, Duration } from 'aws-cdk-lib';
import { AmplifyGraphqlApi, AmplifyGraphqlDefinition } from '@aws-amplify/graphql-api-construct';
import { join } from 'node:path';
const app = new App(); const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'us-east-1' } });
const api = new AmplifyGraphqlApi(stack, 'Api', { definition: AmplifyGraphqlDefinition.fromString(readFileSync(process.argv[2], 'utf8')),
  authorizationModes: { defaultAuthorizationMode: 'API_KEY', apiKeyConfig: { expires: Duration.days(7) } } });
const s = api.resources.cfnResources.cfnGraphqlSchema;
const loc = Stack.of(s).resolve(s.definitionS3Location);
console.log(readFileSync(join(app.outdir, 'asset.' + loc.split('/').pop()), 'utf8'));
