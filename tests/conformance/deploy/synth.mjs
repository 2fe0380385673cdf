#!/usr/bin/env node
// Puts SDL files through the Amplify GraphQL transformer, the way the corpus's valid
// cases were checked: an AmplifyGraphqlApi (graphql-api-construct 1.22.2) synthesized in
// a CDK app with all five authorization modes configured. Synthesis runs the transformer,
// which throws on a schema that would not deploy. Nothing is sent to AWS.
//
//   node synth.mjs FILE.graphql...      prints "OK FILE" or "FAIL FILE: reason" per file
//                                       and ends with "N passed, N failed"

import { readFileSync } from 'node:fs';
import { App, Stack, Duration } from 'aws-cdk-lib';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AmplifyGraphqlApi, AmplifyGraphqlDefinition } from '@aws-amplify/graphql-api-construct';

function lambda(stack, id) {
  return new LambdaFunction(stack, id, {
    runtime: Runtime.NODEJS_20_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => null'),
  });
}

/** @function(name: ...) handlers must be functions of the app for the construct to grant access. */
function functionNameMap(stack, sdl) {
  const names = new Set([...sdl.matchAll(/@function\(name: "([^"]+)"\)/g)].map((m) => m[1]));
  return Object.fromEntries([...names].map((n) => [n, lambda(stack, `Fn${n}`)]));
}

function synth(sdl) {
  const app = new App();
  const stack = new Stack(app, 'Conformance', { env: { account: '123456789012', region: 'us-east-1' } });
  const role = (id) => new Role(stack, id, { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
  new AmplifyGraphqlApi(stack, 'Api', {
    definition: AmplifyGraphqlDefinition.fromString(sdl),
    functionNameMap: functionNameMap(stack, sdl),
    authorizationModes: {
      defaultAuthorizationMode: 'API_KEY',
      apiKeyConfig: { expires: Duration.days(7) },
      userPoolConfig: { userPool: new UserPool(stack, 'UserPool') },
      oidcConfig: {
        oidcProviderName: 'oidc', oidcIssuerUrl: 'https://example.com',
        tokenExpiryFromAuth: Duration.hours(1), tokenExpiryFromIssue: Duration.hours(1),
      },
      iamConfig: {
        identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
        authenticatedUserRole: role('AuthRole'), unauthenticatedUserRole: role('UnauthRole'),
      },
      lambdaConfig: { function: lambda(stack, 'Authorizer'), ttl: Duration.minutes(5) },
    },
  });
  app.synth();
}

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  try {
    synth(readFileSync(file, 'utf8'));
    passed++;
    console.log(`OK ${file}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${file}: ${String(err.message).split('\n').filter(Boolean).slice(0, 3).join(' | ')}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
