metadata description = 'NewsletterFunctions in Azure: a Function App on Flex Consumption with its storage, Key Vault, telemetry and Event Grid topic, all reached with one user-assigned identity. Deploy with "azd up"; see docs/deploy.md.'

targetScope = 'subscription'

// ---------------------------------------------------------------- environment (set by azd)

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds every resource name.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer the Flex Consumption plan.')
param location string

@description('Object ID of the person deploying (azd sets AZURE_PRINCIPAL_ID). They get Key Vault Secrets Officer so they can set the secrets; empty for none.')
param principalId string = ''

// ---------------------------------------------------------------- settings the app reads

@description('Public base URL for links in mails and pages; empty for the app\'s own https://<host name>.')
param publicBaseUrl string = ''

@description('NCRONTAB (seconds first) of the timer heartbeat shown by /api/health.')
param heartbeatSchedule string = '0 */5 * * * *'

@description('NCRONTAB (seconds first) of the timer that reports each poison queue\'s depth (the poison-queue alert reads it).')
param poisonQueueSchedule string = '0 */5 * * * *'

@description('NCRONTAB (seconds first) of the timer that publishes updates whose embargo has lifted (at most this long after the lift).')
param embargoSchedule string = '0 * * * * *'

@description('NCRONTAB (seconds first) of the timer that mails editors when releases wait for review (at most one mail per run).')
param reviewReminderSchedule string = '0 0 * * * *'

@description('NCRONTAB (seconds first) of the timer that queues release mails to members\' contacts whose queue write failed.')
param noticeOutboxSchedule string = '0 */5 * * * *'

@description('The network\'s time zone (IANA id): embargoes without a zone are read in it, pages show times in it.')
param timeZone string = 'Europe/Brussels'

@description('The largest release a member may upload, in bytes (enforced while streaming).')
@minValue(1024)
@maxValue(104857600)
param maxUploadBytes int = 5242880

@description('NCRONTAB of the daily digest (UTC).')
param dailyDigestSchedule string = '0 0 7 * * *'

@description('NCRONTAB of the weekly digest (UTC); Mondays by default.')
param weeklyDigestSchedule string = '0 0 7 * * 1'

@description('The network\'s name on pages and as the sender name of mails.')
@maxLength(100)
param networkName string = 'Network Updates'

@description('When true, the timers hold each digest edition until an editor sends or skips it in the console (/console/editions).')
param requireDigestApproval bool = false

@description('Subject of digests: {network}, {date}, {first} (the first title) and {more} (" and 4 more") are filled in.')
@maxLength(200)
param digestSubject string = '{network}, {date}: {first}{more}'

@description('Postal address printed in every digest footer (required of commercial mail by CAN-SPAM and similar laws).')
@maxLength(300)
param postalAddress string = 'Network Office, 1 Example Street, 1000 Brussels, Belgium'

@description('The organisation responsible for the list, named by the privacy notice.')
@maxLength(200)
param organisation string = 'The Network Office'

@description('Where readers ask about their data (an e-mail or web address), shown on the privacy notice.')
param privacyContact string = 'privacy@example.org'

@description('Months a former reader\'s data is kept after they leave.')
@minValue(1)
@maxValue(120)
param retentionMonths int = 24

@description('Absolute https address of the logo in the page header; empty shows the name only.')
param logoUrl string = ''

@description('Colour of links and buttons on the pages (#rrggbb).')
param accentColour string = '#0b5394'

@description('Sender address of all mail; its domain must be authenticated in SendGrid.')
param mailFrom string = 'updates@example.org'

@description('Sender display name; empty uses the network name.')
param mailFromName string = ''

@description('How mail leaves: SendGrid (the v3 API, with the signed event webhook for bounces) or Smtp (any relay or submission server).')
@allowed([
  'SendGrid'
  'Smtp'
])
param mailTransport string = 'SendGrid'

@description('SMTP server host name (only for mailTransport Smtp).')
param smtpHost string = ''

@description('SMTP server port: 587 for submission with STARTTLS, 465 for TLS on connect. Azure blocks outbound port 25.')
@minValue(1)
@maxValue(65535)
param smtpPort int = 587

@description('How the SMTP connection is secured.')
@allowed([
  'StartTls'
  'SslOnConnect'
  'Auto'
  'None'
])
param smtpSecurity string = 'StartTls'

@description('SMTP user name; empty sends without signing in. The password is the smtp-password secret.')
param smtpUserName string = ''

@description('Topics readers can choose.')
param topics string[] = [
  'Research'
  'Innovation'
  'Funding'
  'Events'
  'People'
]

@description('Privacy notice the signup form links to; empty serves the built-in /api/privacy.')
param privacyNoticeUrl string = ''

@description('Version of the privacy notice, recorded with each consent.')
param privacyNoticeVersion string = '2026-01'

@description('Version of the signup form, recorded with each consent.')
param formVersion string = '1'

@description('Signup posts sooner than this after the form was served are dropped silently (bots).')
param minRenderSeconds int = 2

@description('Forms older than this are shown again instead of accepted.')
param formMaxAgeHours int = 1

@description('Days a confirmation link stays valid.')
param confirmTokenDays int = 7

@description('Confirmation mails per address per hour.')
param confirmationMailsPerHour int = 3

@description('At most one "already subscribed" mail per address in this many hours.')
param alreadySubscribedMailHours int = 24

@description('Signup posts per client IP per window; then 429. Counted per instance.')
param ipRateLimit int = 10

@description('The window of ipRateLimit, in seconds.')
param ipRateLimitWindowSeconds int = 600

@description('ID of the key in the token-signing-keys secret that signs new confirm/unsubscribe/preferences links.')
@minLength(1)
@maxLength(40)
param tokenSigningKeyId string = 'key1'

// ---------------------------------------------------------------- secrets (stored in Key Vault only)

@secure()
@description('SendGrid API key (Mail Send permission). Empty to keep the value already in Key Vault.')
param sendGridApiKey string = ''

@secure()
@description('Public key of the SendGrid signed event webhook. Empty to keep the value already in Key Vault.')
param sendGridWebhookPublicKey string = ''

@secure()
@description('SMTP password (only with smtpUserName). Empty to keep the value already in Key Vault.')
param smtpPassword string = ''

@secure()
@description('Token-signing keys, "id:base64,id2:base64" (each random, at least 32 bytes); every listed key verifies. Empty to keep the value already in Key Vault.')
param tokenSigningKeys string = ''

@secure()
@description('Key of the salted hash that names each reader (random, at least 32 bytes, base64). Set once; changing it orphans every reader. Empty to keep the value already in Key Vault.')
param addressHashKey string = ''

// ---------------------------------------------------------------- alerts
@description('Resource id of an action group (mail, SMS, webhook) the alerts notify; empty: they show in the portal only.')
param alertActionGroupId string = ''

// ---------------------------------------------------------------- scale

@description('Upper bound on Function App instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Function App instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('SendGrid requests in flight at once per dispatch queue message.')
@minValue(1)
@maxValue(64)
param deliveryMaxConcurrentRequests int = 4

// ---------------------------------------------------------------- names

var tags = {
  'azd-env-name': environmentName
  app: 'newsletter-functions'
}
var token = toLower(uniqueString(subscription().id, environmentName, location))
var names = {
  resourceGroup: 'rg-${environmentName}'
  identity: 'id-${token}'
  storage: 'st${token}'
  keyVault: 'kv-${token}'
  workspace: 'log-${token}'
  applicationInsights: 'appi-${token}'
  plan: 'plan-${token}'
  functionApp: 'func-${token}'
  eventGridTopic: 'evgt-${token}'
}

// Every container, queue and table in Newsletter.Infrastructure.Storage.StorageNames; a test holds the two lists together.
var storageNames = {
  containers: ['incoming', 'quarantine', 'archive', 'updates', 'templates', 'editions', 'portal', 'media', 'reader-imports']
  queues: ['mail', 'dispatch', 'dispatch-poison', 'signups', 'signin-mail', 'reader-imports', 'release-notices']
  tables: ['heartbeats', 'members', 'releases', 'updates', 'readers', 'editions', 'ledger', 'feedback', 'people', 'signinattempts', 'signinlog', 'sessions', 'audit', 'portal', 'reminders']
}
var deploymentContainer = 'app-package'

var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  sendGridWebhookPublicKey: 'sendgrid-webhook-public-key'
  smtpPassword: 'smtp-password'
  tokenSigningKeys: 'token-signing-keys'
  addressHashKey: 'address-hash-key'
}

// ---------------------------------------------------------------- resources

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: resourceGroup
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: resourceGroup
  params: {
    name: names.storage
    location: location
    tags: tags
    containers: storageNames.containers
    queues: storageNames.queues
    tables: storageNames.tables
    deploymentContainer: deploymentContainer
    identityName: names.identity
    identityPrincipalId: identity.outputs.principalId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: resourceGroup
  params: {
    workspaceName: names.workspace
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    identityName: names.identity
    identityPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: resourceGroup
  params: {
    name: names.keyVault
    location: location
    tags: tags
    secrets: [
      { name: secretNames.sendGridApiKey, value: sendGridApiKey }
      { name: secretNames.sendGridWebhookPublicKey, value: sendGridWebhookPublicKey }
      { name: secretNames.smtpPassword, value: smtpPassword }
      { name: secretNames.tokenSigningKeys, value: tokenSigningKeys }
      { name: secretNames.addressHashKey, value: addressHashKey }
    ]
    identityName: names.identity
    identityPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
  }
}

// A versionless secret URI: the app picks up a new secret version without a redeployment.
func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName}/)'

// The settings the app's code reads: trigger placeholders (%Section:Name%) and options sections,
// with ":" written as "__". A test compares this list with the code in both directions.
var appSettings = {
  App__NetworkName: networkName
  App__TimeZone: timeZone
  Branding__Organisation: organisation
  Branding__PrivacyContact: privacyContact
  Branding__RetentionMonths: string(retentionMonths)
  Branding__LogoUrl: logoUrl
  Branding__AccentColour: accentColour
  Host__HeartbeatSchedule: heartbeatSchedule
  Host__PoisonQueueSchedule: poisonQueueSchedule
  Host__EmbargoSchedule: embargoSchedule
  Host__ReviewReminderSchedule: reviewReminderSchedule
  Host__NoticeOutboxSchedule: noticeOutboxSchedule
  Ingestion__MaxUploadBytes: string(maxUploadBytes)
  // Drafts the portal keeps (Newsletter.Core.Portal.PortalOptions).
  Portal__MaxDraftsPerContact: '50'
  Portal__MaxDraftsPerMember: '200'
  Ingestion__ParseBudget: '00:00:05'
  Digest__DailySchedule: dailyDigestSchedule
  Digest__WeeklySchedule: weeklyDigestSchedule
  Digest__Subject: digestSubject
  Digest__RequireApproval: string(requireDigestApproval)
  Digest__PostalAddress: postalAddress
  Mail__From: mailFrom
  Mail__FromName: mailFromName
  Mail__Transport: mailTransport
  // Read only by the local Outbox transport; kept so switching Mail__Transport needs no other change.
  Mail__Outbox: '/tmp/outbox'
  SendGrid__ApiKey: keyVaultReference(keyVault.outputs.uri, secretNames.sendGridApiKey)
  SendGrid__Host: 'https://api.sendgrid.com'
  SendGrid__TimeoutSeconds: '60'
  SendGrid__MaxAttempts: '4'
  SendGrid__RetryBaseDelayMilliseconds: '1000'
  Smtp__Host: smtpHost
  Smtp__Port: string(smtpPort)
  Smtp__Security: smtpSecurity
  Smtp__UserName: smtpUserName
  Smtp__Password: keyVaultReference(keyVault.outputs.uri, secretNames.smtpPassword)
  Smtp__TimeoutSeconds: '60'
  Smtp__LocalDomain: ''
  Smtp__CheckCertificateRevocation: 'true'
  EventWebhook__PublicKey: keyVaultReference(keyVault.outputs.uri, secretNames.sendGridWebhookPublicKey)
  EventWebhook__MaxAgeMinutes: '10'
  EventWebhook__MaxBodyBytes: string(4 * 1024 * 1024)
  Delivery__ChunkSize: '1000'
  Delivery__MaxConcurrentRequests: string(deliveryMaxConcurrentRequests)
  Delivery__UnknownOutcome: 'ResendOnce'
  Delivery__InFlightLeaseSeconds: '600'
  Delivery__RemainderRetentionDays: '7'
  Delivery__ListId: ''
  Delivery__UnsubscribeMailbox: ''
  Subscriptions__Topics: join(topics, ',')
  Subscriptions__PrivacyNoticeUrl: privacyNoticeUrl
  Subscriptions__PrivacyNoticeVersion: privacyNoticeVersion
  Subscriptions__FormVersion: formVersion
  Subscriptions__AddressHashKey: keyVaultReference(keyVault.outputs.uri, secretNames.addressHashKey)
  Subscriptions__MinRenderSeconds: string(minRenderSeconds)
  Subscriptions__FormMaxAgeHours: string(formMaxAgeHours)
  Subscriptions__ConfirmTokenDays: string(confirmTokenDays)
  Subscriptions__ConfirmationMailsPerHour: string(confirmationMailsPerHour)
  Subscriptions__AlreadySubscribedMailHours: string(alreadySubscribedMailHours)
  Subscriptions__IpRateLimit: string(ipRateLimit)
  Subscriptions__IpRateLimitWindowSeconds: string(ipRateLimitWindowSeconds)
  Subscriptions__IpRateLimitMaxClients: '100000'
  Tokens__Keys: keyVaultReference(keyVault.outputs.uri, secretNames.tokenSigningKeys)
  Tokens__ActiveKeyId: tokenSigningKeyId
  // Sign-in by mailed link and code, and sessions (Newsletter.Core.Access.SignInOptions).
  SignIn__LinkMinutes: '15'
  SignIn__MaxCodeAttempts: '5'
  SignIn__AddressLimit: '5'
  SignIn__AddressCeiling: '20'
  SignIn__AddressWindowMinutes: '15'
  SignIn__ClientLimit: '20'
  SignIn__ClientWindowSeconds: '900'
  SignIn__SessionIdleHours: '8'
  SignIn__SessionDays: '7'
  // The Functions host reaches the worker over loopback and sets X-Forwarded-For from the platform's front end.
  ForwardedHeaders__KnownProxies: '::1'
  ForwardedHeaders__KnownNetworks: '127.0.0.0/8'
  ForwardedHeaders__ForwardLimit: ''
}

module functionApp 'modules/functionapp.bicep' = {
  scope: resourceGroup
  params: {
    planName: names.plan
    name: names.functionApp
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    // Outputs of the modules that also grant the identity its roles: the app is created only once they are done,
    // so its storage, telemetry and Key Vault references work from its first start.
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainer: deploymentContainer
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    baseUrl: publicBaseUrl
    appSettings: appSettings
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module eventGrid 'modules/eventgrid.bicep' = {
  scope: resourceGroup
  params: {
    name: names.eventGridTopic
    location: location
    tags: tags
    storageAccountId: storage.outputs.id
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: resourceGroup
  params: {
    namePrefix: 'alert-${token}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    actionGroupId: alertActionGroupId
  }
}

// ---------------------------------------------------------------- outputs (azd stores them in the environment)

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = resourceGroup.name

@description('Name of the Function App.')
output AZURE_FUNCTION_APP_NAME string = names.functionApp

@description('Host name of the Function App.')
output AZURE_FUNCTION_APP_HOST string = functionApp.outputs.defaultHostName

@description('Name of the storage account.')
output AZURE_STORAGE_ACCOUNT_NAME string = names.storage

@description('Name of the Key Vault.')
output AZURE_KEY_VAULT_NAME string = names.keyVault

@description('Name of the Event Grid system topic for the storage account.')
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = names.eventGridTopic
