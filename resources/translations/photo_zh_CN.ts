<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FinalPhoto</name>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="393"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="394"/>
        <source>The final photo appears here.</source>
        <translation>最终照片显示在这里。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="396"/>
        <source>No automatic fix</source>
        <translation>无法自动修正</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="399"/>
        <source>Not a picture</source>
        <translation>不是图片</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="416"/>
        <source>The original passes as it is (%1).</source>
        <translation>原图无需修改即合格（%1）。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="419"/>
        <source>Original: %1</source>
        <translation>原图：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="423"/>
        <source>Auto-fix of the live picture: %1</source>
        <translation>实时画面的自动修正：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="424"/>
        <source>Auto-fixed: %1</source>
        <translation>已自动修正：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="431"/>
        <source>Final photo</source>
        <translation>最终照片</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="432"/>
        <source>Use the auto-fixed photo</source>
        <translation>使用自动修正后的照片</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="433"/>
        <source>Use the original</source>
        <translation>使用原图</translation>
    </message>
</context>
<context>
    <name>ManualChecks</name>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="310"/>
        <source>Check by eye</source>
        <translation>人工核对</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="312"/>
        <source>The software cannot judge these. Look at the photo and tick each one.</source>
        <translation>以下几项软件无法判断，请看照片后逐项勾选。</translation>
    </message>
</context>
<context>
    <name>PhotoChecklist</name>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="155"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="164"/>
        <source>The auto-fix crops and saves the final photo to this rule.</source>
        <translation>自动修正会裁剪并保存成符合此项的最终照片。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="181"/>
        <source>Waiting for a picture…</source>
        <translation>等待画面…</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="183"/>
        <source>Every automatic check passes.</source>
        <translation>所有自动检查均已通过。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="185"/>
        <source>1 check fails: see the hint under it.</source>
        <translation>1 项未通过：请看下方提示。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="187"/>
        <source>%1 checks fail: see the hints under them.</source>
        <translation>%1 项未通过：请看各项下方的提示。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="195"/>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="196"/>
        <source>Not measured: it needs one face on a plain background</source>
        <translation>未测量：需要纯色背景前的一张人脸</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="200"/>
        <source>File type</source>
        <translation>文件格式</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="201"/>
        <source>File size</source>
        <translation>文件大小</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="202"/>
        <source>Rotation</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="203"/>
        <source>Colour mode</source>
        <translation>色彩模式</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="204"/>
        <source>Pixel size</source>
        <translation>像素尺寸</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="205"/>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="206"/>
        <source>Frame</source>
        <translation>边框</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="207"/>
        <source>Spots</source>
        <translation>斑点</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="208"/>
        <source>Face</source>
        <translation>人脸</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="209"/>
        <source>Head level</source>
        <translation>头部端正</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="210"/>
        <source>Facing</source>
        <translation>正对镜头</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="211"/>
        <source>Eye distance</source>
        <translation>两眼间距</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="212"/>
        <source>Head size</source>
        <translation>头部大小</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="213"/>
        <source>Top of head</source>
        <translation>头顶留白</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="214"/>
        <source>Sharpness</source>
        <translation>清晰度</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="215"/>
        <source>Exposure</source>
        <translation>曝光</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="216"/>
        <source>Contrast</source>
        <translation>明暗层次</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="217"/>
        <source>Even light</source>
        <translation>光线均匀</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="218"/>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="219"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="220"/>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_checklist.py" line="228"/>
        <source>Automatic checks</source>
        <translation>自动检查</translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="306"/>
        <source>Open a photo</source>
        <translation>打开照片</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="307"/>
        <source>Pictures</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="315"/>
        <source>The file cannot be read: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="370"/>
        <source>The photo could not be checked. Take or open another.</source>
        <translation>无法检查这张照片，请重拍或打开其他照片。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="386"/>
        <source>This photo fails a check above: retake it or open another file.</source>
        <translation>这张照片有检查项未通过：请重拍或打开其他文件。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="388"/>
        <source>Look at the photo and tick each box under it.</source>
        <translation>请查看照片，并勾选下方每一项。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="390"/>
        <source>Ready: Accept keeps this photo.</source>
        <translation>可以采用：点击“采用照片”保存这张照片。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="410"/>
        <source>Head inside the oval, shoulders on the lines, eyes level. Space takes the photo.</source>
        <translation>头部在椭圆内，肩膀对准线条，双眼水平。按空格键拍照。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="413"/>
        <source>The frame shows what the final photo keeps.</source>
        <translation>框内即最终照片保留的部分。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="426"/>
        <source>This camera gives only %1; at least 1280 × 720 is needed for a sharp badge photo. Choose another camera or open a photo file.</source>
        <translation>此摄像头最高只有 %1，清晰的证件照至少需要 1280 × 720。请换一个摄像头，或打开照片文件。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="430"/>
        <source>Checks run live while the camera is on.</source>
        <translation>摄像头开启时实时检查。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="431"/>
        <source>Taking the photo…</source>
        <translation>正在拍照…</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="432"/>
        <source>Checking the photo…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="442"/>
        <source>Waiting for the camera…</source>
        <translation>正在等待摄像头画面…</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="446"/>
        <source>No camera found.
Connect a camera, or open a photo file (Open… or drop it here).</source>
        <translation>未找到摄像头。
请连接摄像头，或打开照片文件（点“打开文件…”或拖到这里）。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="449"/>
        <source>The camera cannot be used: %1
Try Retake, choose another camera, or open a photo file.</source>
        <translation>摄像头无法使用：%1
请点“重拍”重试、换一个摄像头，或打开照片文件。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="451"/>
        <source>Open a photo file or drop it here.</source>
        <translation>打开照片文件，或拖到这里。</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="464"/>
        <source>Badge photo</source>
        <translation>证件照</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="464"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="465"/>
        <source>Camera:</source>
        <translation>摄像头：</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="466"/>
        <source>Take photo (Space)</source>
        <translation>拍照（空格）</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="467"/>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="468"/>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="469"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desk/views/photo_dialog.py" line="470"/>
        <source>Accept photo</source>
        <translation>采用照片</translation>
    </message>
</context>
</TS>
