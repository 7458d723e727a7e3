<#
.SYNOPSIS
    Build the Windows one-folder bundle with PyInstaller and check it (what build/build.sh does on Linux).

.DESCRIPTION
    1. Creates .venv in the repository with Python 3.11 or newer (the "py" launcher or python.exe)
       if it is missing, and installs the project with its build extra (PyInstaller) into it.
    2. Runs PyInstaller on build\lowcarbon-desk.spec. Its work and output folders stay outside
       the repository (default: ..\lowcarbon-desk-build beside it).
    3. Checks the bundle: its size, then lowcarbon-desk-cli.exe --self-test (database, demo county,
       validation, PDF, workbook, package, window offscreen), then a command-line smoke test on
       a throw-away database. Any failure stops the script with exit code 1.

    The bundle holds lowcarbon-desk.exe (the window, no console) and lowcarbon-desk-cli.exe
    (the same program for the command line). With -Zip the folder is also packed into one .zip
    file to hand out.

.PARAMETER BuildDir
    Folder for PyInstaller's work and dist folders (default: $env:LCD_BUILD_DIR, else
    ..\lowcarbon-desk-build beside the repository).

.PARAMETER Clean
    Empty PyInstaller's cache first (slower).

.PARAMETER MaxMB
    Size limit of the bundle in MB (default 250; the Linux bundle's limit is 200).

.PARAMETER Zip
    Also write lowcarbon-desk-<version>-windows-x64.zip of the bundle beside it, to hand out.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File build\build.ps1
#>
[CmdletBinding()]
param(
    [string]$BuildDir = $env:LCD_BUILD_DIR,
    [switch]$Clean,
    [int]$MaxMB = 250,
    [switch]$Zip,
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$PyInstallerArgs = @()
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

# Native programs do not throw on failure: check the exit code of each. Inside, errors do not
# stop the script, because Windows PowerShell 5.1 turns a native program's redirected stderr
# (pip and PyInstaller log there) into error records.
function Invoke-Native {
    param([string]$What, [scriptblock]$Command)
    $ErrorActionPreference = 'Continue'
    & $Command
    if ($LASTEXITCODE -ne 0) {
        throw "build: $What failed (exit code $LASTEXITCODE)"
    }
}

function Find-Python {
    # A Python 3.11+ for a new .venv: $env:PYTHON, the py launcher, or python.exe on PATH.
    $ErrorActionPreference = 'Continue'
    $candidates = @()
    if ($env:PYTHON) { $candidates += , @($env:PYTHON) }
    if (Get-Command py -ErrorAction SilentlyContinue) {
        $candidates += , @('py', '-3.13'); $candidates += , @('py', '-3.12'); $candidates += , @('py', '-3.11')
    }
    if (Get-Command python -ErrorAction SilentlyContinue) { $candidates += , @('python') }
    foreach ($candidate in $candidates) {
        $exe = $candidate[0]
        $rest = @($candidate | Select-Object -Skip 1)
        try {
            & $exe @rest -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>$null
            if ($LASTEXITCODE -eq 0) { return , $candidate }
        }
        catch {
            continue  # not runnable: try the next one
        }
    }
    throw 'build: no Python 3.11 or newer found (install it from python.org, or set $env:PYTHON)'
}

$Root = Split-Path -Parent $PSScriptRoot
if (-not $BuildDir) { $BuildDir = Join-Path (Split-Path -Parent $Root) 'lowcarbon-desk-build' }
$Work = if ($env:LCD_BUILD_WORKPATH) { $env:LCD_BUILD_WORKPATH } else { Join-Path $BuildDir 'work' }
$Dist = if ($env:LCD_BUILD_DISTPATH) { $env:LCD_BUILD_DISTPATH } else { Join-Path $BuildDir 'dist' }
foreach ($folder in @($Work, $Dist)) {
    $full = [System.IO.Path]::GetFullPath($folder).TrimEnd('\') + '\'
    if ($full.StartsWith($Root.TrimEnd('\') + '\', [System.StringComparison]::OrdinalIgnoreCase)) {
        throw "build: $folder is inside the repository; choose a folder outside it"
    }
}

# The program's redirected output is UTF-8 (the spec builds Python's UTF-8 mode in); read it as
# such. Without a console (some CI hosts) there is no console encoding to set.
try {
    [Console]::OutputEncoding = [System.Text.Encoding]::UTF8
}
catch {
    Write-Verbose 'build: no console; output encoding left as it is'
}
$OutputEncoding = [System.Text.Encoding]::UTF8

# --- 1. virtual environment with PyInstaller -------------------------------------------------
$Venv = Join-Path $Root '.venv'
$Python = Join-Path $Venv 'Scripts\python.exe'
if (-not (Test-Path $Python)) {
    $base = Find-Python
    $baseExe = $base[0]
    $baseArgs = @($base | Select-Object -Skip 1)
    Write-Host "build: creating $Venv"
    Invoke-Native 'creating .venv' { & $baseExe @baseArgs -m venv $Venv }
}
Write-Host 'build: installing lowcarbon-desk with its build extra (PyInstaller) into .venv'
Invoke-Native 'pip install' {
    & $Python -m pip install --disable-pip-version-check -q -e "${Root}[build]"
}

# --- 2. PyInstaller -------------------------------------------------------------------------
New-Item -ItemType Directory -Force -Path $Work, $Dist | Out-Null
$cleanArg = @()
if ($Clean -or $env:LCD_BUILD_CLEAN -eq '1') { $cleanArg = @('--clean') }
$spec = Join-Path $Root 'build\lowcarbon-desk.spec'
$timer = [System.Diagnostics.Stopwatch]::StartNew()
Invoke-Native 'PyInstaller' {
    & $Python -m PyInstaller --noconfirm --log-level WARN @cleanArg --workpath $Work --distpath $Dist @PyInstallerArgs $spec
}
Write-Host ("build: PyInstaller took {0:N0} s" -f $timer.Elapsed.TotalSeconds)

$Bundle = Join-Path $Dist 'lowcarbon-desk'
$Window = Join-Path $Bundle 'lowcarbon-desk.exe'
$Cli = Join-Path $Bundle 'lowcarbon-desk-cli.exe'
foreach ($exe in @($Window, $Cli)) {
    if (-not (Test-Path $exe)) { throw "build: $exe is missing" }
}

# --- 3. checks -------------------------------------------------------------------------------
$files = Get-ChildItem -Path $Bundle -Recurse -File
$sizeMB = [math]::Round(($files | Measure-Object -Property Length -Sum).Sum / 1MB)
Write-Host "build: bundle at ${Bundle}: $sizeMB MB, $($files.Count) files"
if ($sizeMB -gt $MaxMB) { throw "build: the bundle is $sizeMB MB, more than the limit of $MaxMB MB" }

$timer = [System.Diagnostics.Stopwatch]::StartNew()
Invoke-Native 'the bundle''s --self-test' { & $Cli --self-test }
Write-Host ("build: self-test took {0:N1} s" -f $timer.Elapsed.TotalSeconds)

$Smoke = Join-Path ([System.IO.Path]::GetTempPath()) ("lowcarbon-desk-smoke-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $Smoke | Out-Null
$savedHome = $env:LOWCARBON_DESK_HOME
try {
    $env:LOWCARBON_DESK_HOME = Join-Path $Smoke 'home'
    $db = Join-Path $Smoke 'smoke.db'
    function Invoke-Cli {
        param([string[]]$Arguments)
        $ErrorActionPreference = 'Continue'
        $output = & $Cli --db $db @Arguments
        if ($LASTEXITCODE -ne 0) { throw "build: lowcarbon-desk-cli $($Arguments -join ' ') failed (exit code $LASTEXITCODE)" }
        return $output
    }
    Invoke-Cli @('demo', '--enterprises', '2') | Out-Null
    $record = ((Invoke-Cli @('record', 'list', '--form', 'energy_budget')) | Select-Object -First 1).Split("`t")[0]
    Invoke-Cli @('export', 'pdf', $record, '-o', (Join-Path $Smoke 'record.pdf')) | Out-Null
    Invoke-Cli @('export', 'xlsx', '--all', '-o', (Join-Path $Smoke 'all.xlsx')) | Out-Null
    Invoke-Cli @('export', 'rollup', '--year', '2025', '-o', (Join-Path $Smoke 'rollup.pdf')) | Out-Null
    $org = ((Invoke-Cli @('org', 'list', '--kind', 'enterprise')) | Select-Object -First 1).Split("`t")[0]
    $package = (Invoke-Cli @('package', 'create', '--org', $org, '--period', '2025', '-o', ($Smoke + '\'))) | Select-Object -First 1
    Invoke-Cli @('package', 'verify', $package) | Out-Null
    Write-Host 'build: command-line smoke test passed (demo, PDF, workbook, roll-up, package create and verify)'
}
finally {
    $env:LOWCARBON_DESK_HOME = $savedHome
    Remove-Item -Recurse -Force -Path $Smoke -ErrorAction SilentlyContinue
}

if ($Zip) {
    $version = ((& $Cli --version) -split ' ')[-1]
    $archive = Join-Path $Dist "lowcarbon-desk-$version-windows-x64.zip"
    if (Test-Path $archive) { Remove-Item -Force $archive }
    Compress-Archive -Path $Bundle -DestinationPath $archive
    Write-Host ("build: {0} ({1:N0} MB)" -f $archive, ((Get-Item $archive).Length / 1MB))
}
