metadata description = 'The storage account: the app\'s containers, queues (each with its poison queue) and tables, and the container Flex Consumption deploys the app package from. Shared-key access is off: everything authenticates with Entra ID.'

@description('Name of the storage account.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Blob containers the app uses (StorageNames.Containers).')
param containers string[]

@description('Queues the app uses (StorageNames.Queues); a "<queue>-poison" queue is created next to each.')
param queues string[]

@description('Tables the app uses (StorageNames.Tables).')
param tables string[]

@description('Container for the app package; kept apart from the app\'s data.')
param deploymentContainer string

@description('Name of the app\'s user-assigned identity (it names the role assignments, so they stay the same across deployments).')
param identityName string

@description('Principal id of the app\'s identity, from the identity module.')
param identityPrincipalId string

// The Functions host moves a message that failed maxDequeueCount times to "<queue>-poison". Creating
// them here means an operator can look at an empty poison queue instead of wondering whether it exists.
var allQueues = flatten(map(queues, queue => [queue, '${queue}-poison']))

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    // Uploads and archived editions can be recovered for a week after an accidental delete.
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for container in union(containers, [deploymentContainer]): {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource storageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queue in allQueues: {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

@description('Blob endpoint, ending in "/".')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue endpoint, ending in "/".')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table endpoint, ending in "/".')
output tableEndpoint string = account.properties.primaryEndpoints.table

// Blob Data Owner rather than Contributor: the Functions host manages blob leases and the
// Flex Consumption platform reads the app package with this identity.
var dataRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
]

resource appAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in dataRoles: {
    name: guid(account.id, resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', identityName), role)
    scope: account
    properties: {
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

// Read by the app only once its roles exist (the outputs wait for the whole module).
@description('Resource id of the storage account.')
output id string = account.id
