/**
 * The filterable properties of each entity the emulator lists, with the operators Graph's docs
 * allow (signIn: graph-facts §1.2 table; users / servicePrincipals: §5 and the directory
 * "default query" support — eq, startswith, in; ne/endswith need advanced queries, not emulated).
 */
import type { EntitySchema, Operation, PropertySpec } from './schema.js';

const s = (ops: Operation[]): PropertySpec => ({ type: 'string', ops });
const EQ: Operation[] = ['eq'];
const EQ_SW: Operation[] = ['eq', 'startswith'];
const DIR: Operation[] = ['eq', 'startswith', 'in'];

export const SIGN_IN_SCHEMA_BETA: EntitySchema = {
  typeName: 'microsoft.graph.signIn',
  properties: {
    id: s(EQ),
    createdDateTime: { type: 'datetime', ops: ['eq', 'ge', 'le', 'gt', 'lt'] },
    userId: s(EQ),
    userPrincipalName: s(EQ_SW),
    userDisplayName: s(EQ_SW),
    appId: s(EQ),
    appDisplayName: s(EQ_SW),
    resourceId: s(EQ),
    resourceDisplayName: s(EQ),
    ipAddress: s(EQ_SW),
    correlationId: s(EQ),
    clientAppUsed: s(EQ),
    conditionalAccessStatus: { type: 'enum', ops: EQ },
    'status/errorCode': { type: 'int', ops: EQ },
    'location/city': s(EQ_SW),
    'location/state': s(EQ_SW),
    'location/countryOrRegion': s(EQ_SW),
    'deviceDetail/browser': s(EQ_SW),
    'deviceDetail/operatingSystem': s(EQ_SW),
    riskLevelDuringSignIn: { type: 'enum', ops: EQ },
    riskLevelAggregated: { type: 'enum', ops: EQ },
    riskState: { type: 'enum', ops: EQ },
    // beta only:
    authenticationRequirement: s(EQ_SW),
    userType: { type: 'enum', ops: EQ },
    signInEventTypes: { type: 'stringCollection', ops: ['any'], elementOps: ['eq', 'ne'] },
    conditionalAccessAudiences: { type: 'stringCollection', ops: ['any'], elementOps: ['eq'] },
  },
};

const BETA_ONLY = new Set(['authenticationRequirement', 'userType', 'signInEventTypes', 'conditionalAccessAudiences']);
export const SIGN_IN_SCHEMA_V1: EntitySchema = {
  typeName: 'microsoft.graph.signIn',
  properties: Object.fromEntries(Object.entries(SIGN_IN_SCHEMA_BETA.properties).filter(([k]) => !BETA_ONLY.has(k))),
};

export const USER_SCHEMA: EntitySchema = {
  typeName: 'microsoft.graph.user',
  properties: {
    id: s(['eq', 'in']),
    userPrincipalName: s(DIR),
    displayName: s(DIR),
    mail: s(DIR),
    givenName: s(DIR),
    surname: s(DIR),
    mailNickname: s(DIR),
    jobTitle: s(DIR),
    department: s(DIR),
    userType: s(['eq', 'in']),
    accountEnabled: { type: 'bool', ops: ['eq'] },
    onPremisesSamAccountName: s(DIR),
    proxyAddresses: { type: 'stringCollection', ops: ['any'], elementOps: ['eq', 'startswith'] },
  },
};

export const SERVICE_PRINCIPAL_SCHEMA: EntitySchema = {
  typeName: 'microsoft.graph.servicePrincipal',
  properties: {
    id: s(['eq', 'in']),
    appId: s(['eq', 'in']),
    displayName: s(DIR),
    servicePrincipalType: s(EQ),
    accountEnabled: { type: 'bool', ops: ['eq'] },
    appOwnerOrganizationId: s(EQ),
    servicePrincipalNames: { type: 'stringCollection', ops: ['any'], elementOps: ['eq', 'startswith'] },
    tags: { type: 'stringCollection', ops: ['any'], elementOps: ['eq'] },
  },
};

export const CSA_DEFINITION_SCHEMA: EntitySchema = {
  typeName: 'microsoft.graph.customSecurityAttributeDefinition',
  properties: {
    id: s(EQ), attributeSet: s(EQ), name: s(EQ), type: s(EQ), status: s(EQ),
    isCollection: { type: 'bool', ops: EQ }, isSearchable: { type: 'bool', ops: EQ }, usePreDefinedValuesOnly: { type: 'bool', ops: EQ },
  },
};
