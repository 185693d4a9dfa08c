metadata description = 'The Function App on the Flex Consumption plan (FC1), .NET 10 isolated worker, running as a user-assigned identity. Storage, telemetry and secrets are all reached with that identity: the app has no key or connection string.'

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the Function App.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Resource ID of the user-assigned identity the app runs as.')
param identityId string

@description('Client ID of that identity.')
param identityClientId string

@description('Blob endpoint of the storage account, ending in "/".')
param blobEndpoint string

@description('Queue endpoint of the storage account, ending in "/".')
param queueEndpoint string

@description('Table endpoint of the storage account, ending in "/".')
param tableEndpoint string

@description('Container the platform deploys the app package from.')
param deploymentContainer string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('The app\'s own settings (the ones its code reads), merged with the storage and telemetry settings made here.')
param appSettings { *: string }

@description('Public base URL of the app for links in mails and pages (App__BaseUrl); empty for https://<default host name>.')
param baseUrl string

@description('Upper bound on instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

// Identity-based connection settings: "<prefix>__blobServiceUri" etc. with a managed identity, the form
// the Functions host and StorageClients.FromConfiguration both read. AzureWebJobsStorage is the host's
// own storage (leases, timers, keys); NewsletterStorage is the app's data. They are the same account.
var storageConnection = {
  blobServiceUri: blobEndpoint
  queueServiceUri: queueEndpoint
  tableServiceUri: tableEndpoint
  credential: 'managedidentity'
  clientId: identityClientId
}

var platformSettings = union(
  toObject(items(storageConnection), item => 'AzureWebJobsStorage__${item.key}', item => item.value),
  toObject(items(storageConnection), item => 'NewsletterStorage__${item.key}', item => item.value),
  {
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    // Local auth is off on Application Insights: telemetry is sent with an Entra token for this identity.
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // The app's own home page answers at /, not the host's placeholder page.
    AzureWebJobsDisableHomepage: 'true'
  }
)

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  // azd finds the app to deploy the "api" service to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in the settings are resolved as the user-assigned identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the runtime here; FUNCTIONS_WORKER_RUNTIME and
      // FUNCTIONS_EXTENSION_VERSION must not be app settings on this plan.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(platformSettings, appSettings, {
    App__BaseUrl: empty(baseUrl) ? 'https://${app.properties.defaultHostName}' : baseUrl
  })
}

@description('Host name of the app, e.g. func-xyz.azurewebsites.net.')
output defaultHostName string = app.properties.defaultHostName
