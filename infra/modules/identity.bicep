metadata description = 'The user-assigned identity the Function App runs as: storage, Key Vault and telemetry all trust it, so no key or connection string is needed anywhere.'

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags { *: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource ID, for the app\'s identity list and keyVaultReferenceIdentity.')
output id string = identity.id

@description('Client ID, for the __clientId settings and the Application Insights authentication string.')
output clientId string = identity.properties.clientId

@description('Principal (object) ID, for role assignments.')
output principalId string = identity.properties.principalId
