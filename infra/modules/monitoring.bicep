metadata description = 'Application Insights on a Log Analytics workspace. Local (instrumentation-key) authentication is off, so telemetry is accepted only from identities holding Monitoring Metrics Publisher.'

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Name of the app\'s user-assigned identity (it names the role assignments, so they stay the same across deployments).')
param identityName string

@description('Principal id of the app\'s identity, from the identity module.')
param identityPrincipalId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

// Application Insights has local auth off: the app's telemetry is accepted only with this role.
resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', identityName), monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

// With local auth off the instrumentation key in the connection string grants nothing by itself:
// ingestion also needs an Entra token (APPLICATIONINSIGHTS_AUTHENTICATION_STRING on the app).
@description('Connection string of the Application Insights component.')
output connectionString string = applicationInsights.properties.ConnectionString

@description('Resource id of the Application Insights component (the alerts\' scope).')
output applicationInsightsId string = applicationInsights.id
