using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Newsletter.FunctionApp;
using Newsletter.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HttpAnswers>();
builder.Services.AddNewsletterTelemetry(builder.Configuration);
builder.Services.AddNewsletterFunctions(builder.Configuration);
builder.Build().Run();
