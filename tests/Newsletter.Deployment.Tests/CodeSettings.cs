using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Extensions.Configuration;
using Newsletter.Functions;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Deployment.Tests;

/// <summary>An application setting the code reads: one name, or (for a collection) any child of a prefix.</summary>
public sealed record SettingRequirement(string Name, bool AnyChild, string ReadBy)
{
    public bool Covers(string setting) =>
        AnyChild
            ? setting.StartsWith(Name + "__", StringComparison.OrdinalIgnoreCase)
            : string.Equals(setting, Name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => (AnyChild ? Name + "__*" : Name) + "  (" + ReadBy + ")";
}

/// <summary>
/// Finds, by reflection over the deployed assemblies, every application setting the code reads:
/// <list type="bullet">
/// <item><c>%Name%</c> placeholders in the binding attributes of <c>[Function]</c> methods: setting <c>Name</c>
/// with <c>:</c> written as <c>__</c>;</item>
/// <item><c>Connection</c> of binding attributes, and <see cref="StorageNames.Connection"/> that StorageClients reads:
/// the identity-based <c>Conn__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>,
/// <c>__credential</c> and <c>__clientId</c>;</item>
/// <item>options classes, recognised by a <c>public const string SectionName</c>: each public settable property
/// (scalar) is <c>Section__Property</c>; a collection property is any <c>Section__Property__*</c>; a nested
/// class is expanded the same way.</item>
/// </list>
/// </summary>
public static partial class CodeSettings
{
    public static readonly string[] IdentityConnectionSuffixes = ["blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId"];

    /// <summary>The Newsletter.* assemblies that are deployed with the Functions app (not the tests, not the Cli).</summary>
    public static IReadOnlyList<Assembly> DeployedAssemblies { get; } = Directory
        .GetFiles(AppContext.BaseDirectory, "Newsletter.*.dll")
        .Select(Path.GetFileNameWithoutExtension)
        .Where(name => name is not null && !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "Newsletter.Testing")
        .Select(name => Assembly.Load(new AssemblyName(name!)))
        .OrderBy(a => a.GetName().Name, StringComparer.Ordinal)
        .ToArray();

    public static IReadOnlyList<MethodInfo> FunctionMethods { get; } = typeof(Health).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToArray();

    public static IReadOnlyList<SettingRequirement> All() =>
        [.. FromBindings(), .. Connection(StorageNames.Connection, "StorageClients.FromConfiguration"), .. FromOptions()];

    public static IEnumerable<SettingRequirement> FromBindings()
    {
        foreach (var method in FunctionMethods)
        {
            var function = method.GetCustomAttribute<FunctionAttribute>()!.Name;
            foreach (var binding in BindingAttributes(method))
            {
                var readBy = $"{function}: [{binding.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal)}]";
                foreach (var property in binding.GetType().GetProperties().Where(p => p.PropertyType == typeof(string)))
                {
                    var value = (string?)property.GetValue(binding);
                    if (string.IsNullOrEmpty(value))
                    {
                        continue;
                    }

                    foreach (Match placeholder in Placeholder().Matches(value))
                    {
                        yield return new SettingRequirement(ToSettingName(placeholder.Groups[1].Value), false, readBy);
                    }

                    // An empty Connection means the host's own AzureWebJobsStorage, a platform setting.
                    if (property.Name == "Connection" && !value.Contains('%', StringComparison.Ordinal))
                    {
                        foreach (var requirement in Connection(value, readBy))
                        {
                            yield return requirement;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Binding attributes on a function's parameters, its return value and the properties of its return type.</summary>
    public static IEnumerable<BindingAttribute> BindingAttributes(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            returnType = returnType.GetGenericArguments()[0];
        }

        return method.GetParameters().SelectMany(p => p.GetCustomAttributes<BindingAttribute>())
            .Concat(method.ReturnParameter.GetCustomAttributes<BindingAttribute>())
            .Concat(returnType.GetProperties().SelectMany(p => p.GetCustomAttributes<BindingAttribute>()));
    }

    public static IEnumerable<SettingRequirement> Connection(string name, string readBy) =>
        IdentityConnectionSuffixes.Select(suffix => new SettingRequirement($"{name}__{suffix}", false, readBy));

    /// <summary>Options classes: any type in a deployed assembly with <c>public const string SectionName</c>.</summary>
    public static IEnumerable<(Type Type, string Section)> OptionsClasses() =>
        from assembly in DeployedAssemblies
        from type in assembly.GetTypes()
        let field = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)
        where field is { IsLiteral: true } && field.FieldType == typeof(string)
        select (type, (string)field.GetRawConstantValue()!);

    public static IEnumerable<SettingRequirement> FromOptions() =>
        OptionsClasses().SelectMany(o => Expand(ToSettingName(o.Section), o.Type, o.Type.Name, depth: 0));

    private static IEnumerable<SettingRequirement> Expand(string prefix, Type type, string readBy, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod?.IsPublic != true)
            {
                continue;
            }

            var key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
            var name = $"{prefix}__{ToSettingName(key)}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var settable = property.SetMethod?.IsPublic == true;

            // The configuration binder converts a value with the type's TypeConverter (string, numbers, enums,
            // TimeSpan, Uri...), fills collections and nested objects (even get-only ones) from child keys.
            if (TypeDescriptor.GetConverter(propertyType).CanConvertFrom(typeof(string)))
            {
                if (settable)
                {
                    yield return new SettingRequirement(name, false, $"{readBy}.{property.Name}");
                }
            }
            else if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                // A get-only array or read-only collection (often computed from another setting) cannot be filled.
                if (settable || !IsReadOnlyCollection(propertyType))
                {
                    yield return new SettingRequirement(name, true, $"{readBy}.{property.Name}");
                }
            }
            else if (propertyType.IsClass && depth < 8)
            {
                foreach (var nested in Expand(name, propertyType, $"{readBy}.{property.Name}", depth + 1))
                {
                    yield return nested;
                }
            }
        }
    }

    private static bool IsReadOnlyCollection(Type type) =>
        type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)));

    public static string ToSettingName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Placeholder();
}
