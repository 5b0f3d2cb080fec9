using Live.Tools;

namespace Live.Benchmarks.Tools;

/// <summary>A class with 20 tools: dispatch goes through the name switch.</summary>
public sealed partial class TwentyBenchTools
{
    /// <summary>Tool number 0.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool00(string location, int days = 1) => ToolBodies.Numbered(0, location, days);

    /// <summary>Tool number 1.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool01(string location, int days = 1) => ToolBodies.Numbered(1, location, days);

    /// <summary>Tool number 2.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool02(string location, int days = 1) => ToolBodies.Numbered(2, location, days);

    /// <summary>Tool number 3.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool03(string location, int days = 1) => ToolBodies.Numbered(3, location, days);

    /// <summary>Tool number 4.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool04(string location, int days = 1) => ToolBodies.Numbered(4, location, days);

    /// <summary>Tool number 5.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool05(string location, int days = 1) => ToolBodies.Numbered(5, location, days);

    /// <summary>Tool number 6.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool06(string location, int days = 1) => ToolBodies.Numbered(6, location, days);

    /// <summary>Tool number 7.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool07(string location, int days = 1) => ToolBodies.Numbered(7, location, days);

    /// <summary>Tool number 8.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool08(string location, int days = 1) => ToolBodies.Numbered(8, location, days);

    /// <summary>Tool number 9.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool09(string location, int days = 1) => ToolBodies.Numbered(9, location, days);

    /// <summary>Tool number 10.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool10(string location, int days = 1) => ToolBodies.Numbered(10, location, days);

    /// <summary>Tool number 11.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool11(string location, int days = 1) => ToolBodies.Numbered(11, location, days);

    /// <summary>Tool number 12.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool12(string location, int days = 1) => ToolBodies.Numbered(12, location, days);

    /// <summary>Tool number 13.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool13(string location, int days = 1) => ToolBodies.Numbered(13, location, days);

    /// <summary>Tool number 14.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool14(string location, int days = 1) => ToolBodies.Numbered(14, location, days);

    /// <summary>Tool number 15.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool15(string location, int days = 1) => ToolBodies.Numbered(15, location, days);

    /// <summary>Tool number 16.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool16(string location, int days = 1) => ToolBodies.Numbered(16, location, days);

    /// <summary>Tool number 17.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool17(string location, int days = 1) => ToolBodies.Numbered(17, location, days);

    /// <summary>Tool number 18.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool18(string location, int days = 1) => ToolBodies.Numbered(18, location, days);

    /// <summary>Tool number 19.</summary>
    /// <param name="location">A city.</param>
    /// <param name="days">Days ahead.</param>
    /// <returns>The report.</returns>
    [LiveTool]
    public WeatherReport Tool19(string location, int days = 1) => ToolBodies.Numbered(19, location, days);
}
