namespace Live;

/// <summary>Marks the start of user activity (<c>activityStart: {}</c>); only with automatic activity detection disabled.</summary>
public sealed class ActivityStart
{
}
