metadata description = 'Event Grid system topic for the storage account. The subscription that delivers blob-created events to the app is made after the code is deployed (infra/scripts/post-deploy.sh), because its endpoint URL carries a key that exists only then.'

@description('Name of the system topic.')
param name string

@description('Azure region (the storage account\'s).')
param location string

@description('Tags for the resource.')
param tags { *: string }

@description('Resource id of the storage account whose events the topic publishes.')
param storageAccountId string

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storageAccountId
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}
