namespace Live;

/// <summary>Marks the end of user activity (<c>activityEnd: {}</c>); only with automatic activity detection disabled.</summary>
public sealed class ActivityEnd
{
}
