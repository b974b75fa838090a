namespace Seer.Toolkit.Data;

/// <summary>An item as scheduled: its epoch, its position in that epoch's global order, and the item.</summary>
public readonly record struct ScheduledItem(int Epoch, int Position, ImageItem Item);
